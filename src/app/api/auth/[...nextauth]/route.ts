import NextAuth from "next-auth";
import { authOptions } from "@/features/people/sign-in";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handle(request: Request, context: Context) {
  return NextAuth(request as never, context as never, authOptions()) as Promise<Response>;
}

export const GET = handle;

/** next-auth's own sign-in and sign-out POSTs are closed: Docket's forms (rate-limited) replace them. */
export async function POST(request: Request, context: Context) {
  const [action] = (await context.params).nextauth;
  if (action === "signin" || action === "signout") {
    return Response.json({ error: "Use the sign-in page at /admin/sign-in." }, { status: 404 });
  }
  return handle(request, context);
}
