import { CategoryArchive, categoryMetadata, olderArchivePages } from "../../../../_components/ArchiveViews";

export const ensureStatic = "navigation";

const route = olderArchivePages({ View: CategoryArchive, metadata: categoryMetadata });
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
