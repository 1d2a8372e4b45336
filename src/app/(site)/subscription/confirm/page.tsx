import { ConfirmPanel } from "@/features/subscriptions/components/SubscriptionPages";
import { linkPage, linkPageMetadata } from "../link-page";

export const metadata = linkPageMetadata("Confirm your subscription", "/subscription/confirm");

export default linkPage(ConfirmPanel);
