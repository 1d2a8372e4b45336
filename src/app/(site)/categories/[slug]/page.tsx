import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublicCategory, listCategoryPosts, listPublicCategories } from "@/features/categories/data";
import { PostList } from "@/features/posts/components/PostList";
import { SponsorBlock } from "@/features/posts/components/SponsorBlock";
import { absoluteUrl, breadcrumbJsonLd, jsonLdText, paths, siteName } from "@/lib/seo";

export const ensureStatic = "navigation";

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  const categories = await listPublicCategories();
  return (categories.length > 0 ? categories : [{ slug: "-" }]).map((entry) => ({ slug: entry.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const category = await getPublicCategory((await params).slug);
  if (!category) return { title: "Not found", robots: { index: false } };
  return {
    title: category.name,
    description: category.description || `Posts in ${category.name}.`,
    alternates: {
      canonical: absoluteUrl(paths.category(category.slug)),
      types: {
        "application/rss+xml": absoluteUrl(paths.rss(paths.category(category.slug))),
        "application/atom+xml": absoluteUrl(paths.atom(paths.category(category.slug))),
      },
    },
  };
}

export default async function CategoryPage({ params }: Props) {
  const category = await getPublicCategory((await params).slug);
  if (!category) notFound();
  const { posts, total } = await listCategoryPosts(category.id);
  const crumbs = [
    { name: siteName(), path: "/" },
    { name: category.name, path: paths.category(category.slug) },
  ];
  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(breadcrumbJsonLd(crumbs)) }} />
      <header className="page-head">
        <p className="kicker">Category</p>
        <h1>{category.name}</h1>
        {category.description && <p className="page-head__lede">{category.description}</p>}
        <p className="feed-links">
          {total} {total === 1 ? "post" : "posts"}
          {total > posts.length ? `, the latest ${posts.length} below` : ""} ·{" "}
          <a href={paths.rss(paths.category(category.slug))}>RSS</a> ·{" "}
          <a href={paths.atom(paths.category(category.slug))}>Atom</a>
        </p>
      </header>
      <SponsorBlock category={category} />
      <PostList posts={posts} />
    </>
  );
}
