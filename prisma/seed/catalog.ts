// The demo case (DOMAIN.md): a company selling high-grade web conversion services, from fixed
// workstation to mobile. Its fast Scrum team halved development time, yet the business did not
// speed up: the bottleneck was the business process. Every stage holds work so the whole value
// stream is visible, and a few things are wrong so the walls have problems to show.
import type { ItemKind } from "@/lib/schemas/item";

export type DemoItem = {
  /** stage key of DEFAULT_STAGES where the item ends up (it travels there stage by stage) */
  stage: string;
  title: string;
  kind?: ItemKind;
  description?: string;
  businessValue?: number;
  costEstimate?: number;
  labels?: string[];
  blocked?: string;
  /** who does the work in that stage (account key) */
  by?: string;
  /**
   * How long ago the item entered its stage, in hours. Above the stage's age threshold
   * (DEFAULT_STAGES) the wall says it is waiting too long: a few items are, on purpose.
   */
  hoursInStage: number;
  /** the stage it was created in; default: the one upstream of `stage` (the whole stream for end of life) */
  from?: string;
  tag?: string;
};

export type DemoService = {
  key: string;
  name: string;
  description: string;
  rpoMinutes: number;
  rtoMinutes: number;
  plannedMonthlyCost: number;
  /** When the service was put on the Obeya, in days before the seed runs (before every item). */
  startedDaysAgo: number;
  items: DemoItem[];
};

export const MOBILE: DemoService = {
  key: "mobile-conversion",
  name: "Mobile conversion",
  description:
    "Converts customers' fixed-workstation web shops into fast, accessible mobile sites, delivered as a managed service.",
  rpoMinutes: 60,
  rtoMinutes: 240,
  plannedMonthlyCost: 18_000,
  startedDaysAgo: 60,
  items: [
    { stage: "strategy", title: "Offer mobile conversion as a monthly subscription", businessValue: 90, labels: ["strategy"], hoursInStage: 144 },
    { stage: "strategy", title: "Partner programme with design agencies", businessValue: 40, hoursInStage: 480 },
    { stage: "marketing", title: "Target customers: retail chains with desktop-only shops", businessValue: 70, labels: ["sales"], hoursInStage: 96 },
    { stage: "marketing", title: "Pricing page for conversion packages", businessValue: 50, costEstimate: 3_000, hoursInStage: 50 },
    { stage: "administration", title: "Put the whole process, strategy to support, on the Obeya", businessValue: 60, hoursInStage: 70 },
    { stage: "administration", title: "Weekly synchronisation of sales, development and operations", businessValue: 45, hoursInStage: 26 },
    { stage: "planning", title: "Value stream map: order to first converted page", businessValue: 65, labels: ["vsm"], hoursInStage: 45 },
    {
      stage: "planning",
      title: "Run-time infrastructure for the conversion farm",
      hoursInStage: 220,
      costEstimate: 12_000,
      blocked: "Waiting for the hosting contract to be signed by purchasing",
    },
    {
      stage: "requirements",
      title: "Responsive checkout conversion",
      hoursInStage: 75,
      businessValue: 95,
      costEstimate: 8_000,
      labels: ["checkout"],
      tag: "stories",
    },
    { stage: "requirements", title: "Accessibility conformance (WCAG 2.2 AA) for converted pages", businessValue: 75, hoursInStage: 28 },
    { stage: "requirements", title: "Compliance: cookie consent on converted sites", kind: "IMPROVEMENT", businessValue: 55, hoursInStage: 118 },
    { stage: "development", title: "Automatic image resizing for small screens", businessValue: 80, costEstimate: 5_000, by: "developer1", hoursInStage: 52 },
    { stage: "development", title: "Touch-friendly navigation generator", businessValue: 70, costEstimate: 4_000, by: "developer2", hoursInStage: 23 },
    {
      stage: "development",
      title: "Lazy loading of product galleries",
      hoursInStage: 146,
      businessValue: 60,
      by: "developer1",
      blocked: "Waiting for CDN credentials from the customer",
    },
    { stage: "deployment", title: "One-click rollback in the deployment pipeline", businessValue: 65, by: "devops", tag: "release-next", hoursInStage: 19 },
    { stage: "deployment", title: "Performance test: 1,000 converted pages per minute", businessValue: 70, by: "devops", tag: "release-next", hoursInStage: 31 },
    { stage: "operations", title: "Monitor conversion queue latency", by: "operations", tag: "release-done", hoursInStage: 217, from: "requirements" },
    { stage: "operations", title: "Hourly backup of converted sites (RPO 60 min)", by: "operations", tag: "release-done", hoursInStage: 216, from: "requirements" },
    { stage: "operations", title: "Mobile conversion of the first ten retail customers", businessValue: 100, by: "operations", tag: "release-done", hoursInStage: 215, from: "requirements" },
    { stage: "maintenance", title: "Upgrade the headless browser farm", kind: "MAINTENANCE", by: "operations", hoursInStage: 49 },
    { stage: "maintenance", title: "Rotate TLS certificates of converted sites", kind: "MAINTENANCE", by: "reliability", hoursInStage: 242 },
    {
      stage: "customer-service",
      title: "Menu hidden on small Android phones",
      hoursInStage: 41,
      kind: "DEFECT",
      by: "reliability",
      blocked: "Cannot reproduce without the customer's device model",
    },
    { stage: "customer-service", title: "Image-heavy shops convert slowly", kind: "DEFECT", by: "reliability", hoursInStage: 20 },
    { stage: "end-of-life", title: "Retire the Flash-to-HTML converter", kind: "MAINTENANCE", by: "serviceMaster", hoursInStage: 360 },
  ],
};

export const PORTAL: DemoService = {
  key: "conversion-portal",
  name: "Conversion portal",
  description: "The self-service portal where customers order conversions, follow their progress and report issues.",
  rpoMinutes: 15,
  rtoMinutes: 60,
  plannedMonthlyCost: 7_500,
  startedDaysAgo: 50,
  items: [
    { stage: "strategy", title: "Self-service ordering to shorten the sales cycle", businessValue: 85, hoursInStage: 120 },
    { stage: "marketing", title: "Customer journey for agencies ordering in bulk", businessValue: 55, hoursInStage: 70 },
    { stage: "administration", title: "Portal metrics on the office wall (TV mode)", businessValue: 35, hoursInStage: 47 },
    { stage: "planning", title: "Project vision and ground rules for the portal team", businessValue: 40, hoursInStage: 95 },
    { stage: "requirements", title: "Upload a desktop site archive for conversion", businessValue: 80, costEstimate: 6_000, hoursInStage: 51 },
    { stage: "development", title: "Conversion progress page with live status", businessValue: 75, by: "developer2", hoursInStage: 22 },
    {
      stage: "development",
      title: "Single sign-on for agency customers",
      hoursInStage: 74,
      businessValue: 60,
      by: "developer1",
      blocked: "Identity provider test tenant not provisioned",
    },
    { stage: "deployment", title: "Blue-green deployment for the portal", by: "devops", hoursInStage: 25 },
    { stage: "operations", title: "Portal availability monitoring (99.9 %)", by: "operations", hoursInStage: 480, from: "requirements" },
    { stage: "maintenance", title: "Upgrade the portal's database to PostgreSQL 15", kind: "MAINTENANCE", by: "operations", hoursInStage: 71 },
    { stage: "customer-service", title: "Customers ask for invoice downloads", kind: "IMPROVEMENT", by: "reliability", hoursInStage: 98 },
    { stage: "end-of-life", title: "Shut down the e-mail order form", kind: "MAINTENANCE", by: "serviceMaster", hoursInStage: 600 },
  ],
};

/** Who works in each stage when the item file names nobody (account keys). */
export const STAGE_WORKER: Record<string, string> = {
  strategy: "serviceMaster",
  marketing: "serviceMaster",
  administration: "processMaster",
  planning: "processMaster",
  requirements: "developer2",
  development: "developer1",
  deployment: "devops",
  operations: "operations",
  maintenance: "operations",
  "customer-service": "reliability",
  "end-of-life": "serviceMaster",
};

export const MRI: Record<string, string> = {
  RF: "Convert a desktop web shop to a mobile site: layout, navigation, images, checkout.",
  RQ: "Converted pages load in under 2 s on 4G; WCAG 2.2 AA.",
  TC: "Headless Chromium farm; customers' shops on any PHP or Java stack.",
  BC: "Fixed price per converted site plus a monthly subscription; GDPR.",
  PBA: "Peaks before retail seasons (Black Friday, Christmas); quiet in August.",
  SLR: "99.9 % availability of converted sites; incidents answered within 30 minutes.",
  SLA: "Availability 99.9 % per month; service credits below 99.5 %.",
  SAC: "Visual regression below 1 % of pixels on 20 reference devices; checkout conversion not lower than desktop.",
  SDP: "Architecture, pipeline, runbook and capacity plan of the conversion farm.",
  SLP: "Standard and premium packages; premium adds a 4-hour RTO and a named reliability engineer.",
  OLA: "Operations acknowledge alerts within 10 minutes; development fixes P1 defects within one working day.",
};
