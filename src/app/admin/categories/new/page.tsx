import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { CategoryForm, emptyCategory } from "@/features/categories/components/CategoryForm";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "New category" };

export default async function NewCategoryPage() {
  await requireUser("categories.manage");
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/categories">Categories</Link>
      </p>
      <h1>New category</h1>
      <p className="form-hint">Readers see a category once it has a published post. Choose it for a post in the post editor.</p>
      <CategoryForm initial={emptyCategory} />
    </>
  );
}
