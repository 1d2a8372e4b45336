import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { findCategoryForEditing, listOtherCategories } from "@/features/categories/data";
import { CategoryDeletion, CategoryForm } from "@/features/categories/components/CategoryForm";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Edit category" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export default async function EditCategoryPage({ params, searchParams }: Props) {
  await requireUser("categories.manage");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [category, others] = await Promise.all([findCategoryForEditing(id), listOtherCategories(id)]);
  if (!category) notFound();
  const { postCount, subscriberCount, id: categoryId, ...fields } = category;
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/categories">Categories</Link> · <Link href={`/categories/${category.slug}`}>View on the site</Link>
      </p>
      <h1>{category.name}</h1>
      {firstParam(query, "created") && (
        <p className="form-notice" role="status">
          Category created. Readers see it once it has a published post.
        </p>
      )}
      <CategoryForm
        categoryId={categoryId}
        initial={{
          name: fields.name,
          slug: fields.slug,
          description: fields.description,
          sponsorName: fields.sponsorName ?? "",
          sponsorUrl: fields.sponsorUrl ?? "",
          sponsorText: fields.sponsorText ?? "",
          sponsorStrapline: fields.sponsorStrapline ?? "",
          sponsorLogoUrl: fields.sponsorLogoUrl ?? "",
          sponsorLogoAlt: fields.sponsorLogoAlt ?? "",
          sponsorStartsOn: fields.sponsorStartsOn,
          sponsorEndsOn: fields.sponsorEndsOn,
        }}
      />
      <h2>Delete this category</h2>
      <CategoryDeletion categoryId={categoryId} name={category.name} postCount={postCount} subscriberCount={subscriberCount} others={others} />
    </>
  );
}
