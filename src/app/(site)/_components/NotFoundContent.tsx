import { notFound } from "next/navigation";
import { Suspense } from "react";
import { NotFoundView } from "./NotFoundView";

async function AnswerNotFound(): Promise<never> {
  notFound();
}

/**
 * The 404 page for a reader page whose subject does not exist, in the HTML itself, with a 404 status.
 * notFound() thrown at the top of a page leaves Next only an empty document that JavaScript fills in;
 * thrown inside a Suspense boundary it sets the status and the page around it is kept.
 */
export function NotFoundContent() {
  return (
    <>
      <NotFoundView />
      <Suspense fallback={null}>
        <AnswerNotFound />
      </Suspense>
    </>
  );
}
