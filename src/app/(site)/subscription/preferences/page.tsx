import { PreferencesPanel } from "@/features/subscriptions/components/SubscriptionPages";
import { linkPage, linkPageMetadata } from "../link-page";

export const metadata = linkPageMetadata("Your email subscription");

export default linkPage(PreferencesPanel);
