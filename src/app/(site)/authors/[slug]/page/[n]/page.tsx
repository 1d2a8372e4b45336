import { AuthorArchive, authorMetadata, olderArchivePages } from "../../../../_components/ArchiveViews";

export const ensureStatic = "navigation";

const route = olderArchivePages({ View: AuthorArchive, metadata: authorMetadata });
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
