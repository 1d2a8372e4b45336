import { TagArchive, tagMetadata, olderArchivePages } from "../../../../_components/ArchiveViews";

export const ensureStatic = "navigation";

const route = olderArchivePages({ View: TagArchive, metadata: tagMetadata });
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
