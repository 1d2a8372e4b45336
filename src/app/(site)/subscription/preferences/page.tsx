import { PreferencesPanel } from "@/features/subscriptions/components/SubscriptionPages";
import { linkPage, linkPageMetadata } from "../link-page";

export const metadata = linkPageMetadata("Your email subscription", "/subscription/preferences");

export default linkPage(PreferencesPanel);
