// The standard (built-in) data attributes of contacts and companies, listed by GET /data_attributes
// next to the workspace's custom ones. They are part of the product, not of a workspace: a static list.
import type { AttributeModel } from "./custom-attributes.js";

export interface StandardAttribute {
  model: AttributeModel;
  name: string;
  full_name: string;
  label: string;
  description: string;
  data_type: "string" | "integer" | "float" | "boolean" | "date";
  api_writable: boolean;
}

type Def = [full_name: string, label: string, description: string, data_type: StandardAttribute["data_type"], api_writable: boolean];

const CONTACT: Def[] = [
  ["id", "ID", "Identifier opencom gives the contact", "string", false],
  ["external_id", "User ID", "Your own identifier for the user", "string", true],
  ["role", "Role", "user or lead", "string", true],
  ["name", "Name", "Full name of the contact", "string", true],
  ["email", "Email", "Email address of the contact", "string", true],
  ["email_domain", "Email domain", "The part of the email address after the @", "string", false],
  ["phone", "Phone", "Phone number of the contact", "string", true],
  ["avatar", "Avatar", "URL of the contact's picture", "string", true],
  ["owner_id", "Owner", "Teammate responsible for the contact", "integer", true],
  ["created_at", "Created at", "When the contact was created", "date", false],
  ["updated_at", "Updated at", "When the contact last changed", "date", false],
  ["signed_up_at", "Signed up", "When the user signed up for your product", "date", true],
  ["last_seen_at", "Last seen", "When the contact was last active in your product", "date", true],
  ["last_replied_at", "Last replied", "When the contact last replied to a message", "date", false],
  ["last_contacted_at", "Last contacted", "When a teammate last messaged the contact", "date", false],
  ["last_email_opened_at", "Last opened email", "When the contact last opened an email", "date", false],
  ["last_email_clicked_at", "Last clicked on link in email", "When the contact last clicked a link in an email", "date", false],
  ["language_override", "Language override", "Language the Messenger uses for the contact", "string", true],
  ["browser", "Browser", "Browser the contact last used", "string", false],
  ["browser_version", "Browser version", "Version of that browser", "string", false],
  ["browser_language", "Browser language", "Language of that browser", "string", false],
  ["os", "OS", "Operating system the contact last used", "string", false],
  ["location.country", "Country", "Country the contact was last seen in", "string", false],
  ["location.region", "Region", "Region the contact was last seen in", "string", false],
  ["location.city", "City", "City the contact was last seen in", "string", false],
  ["unsubscribed_from_emails", "Unsubscribed from emails", "Whether the contact opted out of email", "boolean", true],
  ["marked_email_as_spam", "Marked email as spam", "Whether the contact reported an email as spam", "boolean", false],
  ["has_hard_bounced", "Has hard bounced", "Whether email to the contact bounced permanently", "boolean", false],
  ["android_app_name", "Android app name", "Name of the Android app the contact last used", "string", false],
  ["android_app_version", "Android app version", "Version of that Android app", "string", false],
  ["android_device", "Android device", "Android device the contact last used", "string", false],
  ["android_os_version", "Android OS version", "Android version of that device", "string", false],
  ["android_sdk_version", "Android SDK version", "Messenger SDK version in that app", "string", false],
  ["android_last_seen_at", "Android last seen", "When the contact last used the Android app", "date", false],
  ["ios_app_name", "iOS app name", "Name of the iOS app the contact last used", "string", false],
  ["ios_app_version", "iOS app version", "Version of that iOS app", "string", false],
  ["ios_device", "iOS device", "iOS device the contact last used", "string", false],
  ["ios_os_version", "iOS version", "iOS version of that device", "string", false],
  ["ios_sdk_version", "iOS SDK version", "Messenger SDK version in that app", "string", false],
  ["ios_last_seen_at", "iOS last seen", "When the contact last used the iOS app", "date", false],
];

const COMPANY: Def[] = [
  ["id", "ID", "Identifier opencom gives the company", "string", false],
  ["company_id", "Company ID", "Your own identifier for the company", "string", false],
  ["name", "Company name", "Name of the company", "string", true],
  ["app_id", "App ID", "Identifier of the workspace the company belongs to", "string", false],
  ["created_at", "Created at", "When the company was created", "date", false],
  ["updated_at", "Updated at", "When the company last changed", "date", false],
  ["remote_created_at", "Company created at", "When the company was created in your product", "date", true],
  ["last_request_at", "Company last seen", "When someone from the company was last active", "date", false],
  ["plan.id", "Plan ID", "Identifier of the company's plan", "string", false],
  ["plan.name", "Plan", "Name of the company's plan", "string", false],
  ["monthly_spend", "Monthly spend", "Revenue from the company per month", "float", true],
  ["size", "Company size", "Number of people the company employs", "integer", true],
  ["industry", "Company industry", "What the company does", "string", true],
  ["website", "Company website", "Web address of the company", "string", true],
  ["user_count", "People", "Number of contacts in the company", "integer", false],
  ["session_count", "Company web sessions", "Visits from the company's people", "integer", false],
];

const build = (model: AttributeModel, defs: Def[]): StandardAttribute[] =>
  defs.map(([full_name, label, description, data_type, api_writable]) => ({
    model,
    name: full_name.split(".").pop()!,
    full_name,
    label,
    description,
    data_type,
    api_writable,
  }));

export const STANDARD_ATTRIBUTES: Record<AttributeModel, readonly StandardAttribute[]> = {
  contact: build("contact", CONTACT),
  company: build("company", COMPANY),
};

/** Whether a name is taken by a top-level standard attribute of a model (case-insensitively). */
export const isStandardName = (model: AttributeModel, name: string) => STANDARD_ATTRIBUTES[model].some((a) => a.full_name.toLowerCase() === name.toLowerCase());
