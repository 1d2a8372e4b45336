import { StopReplyEmailsPanel } from "@/features/comments/components/StopReplyEmailsPanel";
import { linkPage, linkPageMetadata } from "../../subscription/link-page";

export const metadata = linkPageMetadata("Stop reply emails", "/comments/unsubscribe");

export default linkPage(StopReplyEmailsPanel);
