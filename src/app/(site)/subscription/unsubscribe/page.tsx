import { UnsubscribePanel } from "@/features/subscriptions/components/SubscriptionPages";
import { linkPage, linkPageMetadata } from "../link-page";

export const metadata = linkPageMetadata("Unsubscribe", "/subscription/unsubscribe");

export default linkPage(UnsubscribePanel);
