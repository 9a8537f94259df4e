// The e2e suite's own people and services, created by fixture.ts before the server starts.
// Independent of the demo seed, so a change to the demo story cannot break these tests.
export const E2E_PASSWORD = "e2e-password-123";

export const E2E_USERS = {
  admin: { email: "admin@e2e.test", name: "Eve Admin" },
  alice: { email: "alice@e2e.test", name: "Alice Developer" },
  bob: { email: "bob@e2e.test", name: "Bob Developer" },
  viewer: { email: "viewer@e2e.test", name: "Vic Viewer" },
  // Signs out in auth.spec: sign-out ends ALL of a person's sessions, so nobody else's tests use them.
  leaver: { email: "leaver@e2e.test", name: "Lee Leaver" },
  // The service wall's team (service-wall.spec.ts): its Service Master and an operations member.
  sam: { email: "sam@e2e.test", name: "Sam Servicemaster" },
  otto: { email: "otto@e2e.test", name: "Otto Operations" },
  // The Kaizen team (kaizen.spec.ts): its Process Master; an operations member who owns a problem
  // and its countermeasure; a developer who answers for the Development stage.
  pia: { email: "pia@e2e.test", name: "Pia Processmaster" },
  ken: { email: "ken@e2e.test", name: "Ken Developer" },
  ola: { email: "ola@e2e.test", name: "Ola Operations" },
  // The portfolio's person (portfolio.spec.ts): in two of the three portfolio teams.
  petra: { email: "petra@e2e.test", name: "Petra Portfolio" },
  // In no team: sees no service at all.
  outsider: { email: "outsider@e2e.test", name: "Olga Outsider" },
} as const;

export type E2EUser = keyof typeof E2E_USERS;

// Alice, Bob and Vic's team owns FLOW; only the other team sees HIDDEN.
export const FLOW_SERVICE = { key: "e2e-flow", name: "E2E Flow Service" };
export const HIDDEN_SERVICE = { key: "e2e-hidden", name: "E2E Hidden Service" };
// Drag and drop (wall-dnd.spec.ts): a short value stream with done-criteria, a WIP limit of 1
// and a stage for a long column.
export const DND_SERVICE = { key: "e2e-dnd", name: "E2E Drag and Drop" };
// Metrics (metrics.spec.ts): a short value stream with a known history (fixture.ts).
export const METRICS_SERVICE = { key: "e2e-metrics", name: "E2E Metrics" };
// The service wall (service-wall.spec.ts): a service whose end of life the spec decides, with an
// MRI entry to edit, and a service retired in the fixture (read-only everywhere).
export const SERVICE_WALL_SERVICE = { key: "e2e-service-wall", name: "E2E Service Wall" };
export const RETIRED_SERVICE = { key: "e2e-retired", name: "E2E Retired Service" };
// Outbound webhooks (webhooks.spec.ts): Sam adds a webhook to this service and replays a delivery.
export const WEBHOOK_SERVICE = { key: "e2e-webhooks", name: "E2E Webhooks" };
// The TV at 1280 px (site-basics.spec.ts): the default stages' long names and cards with long
// titles and words, one card per stage so every one is on screen.
export const TV_WORDS_SERVICE = {
  key: "e2e-tv-words",
  name: "E2E TV Words",
  cards: {
    administration: "Weekly synchronisation of sales, development and operations",
    planning: "Run-time infrastructure for the conversion farm",
    requirements: "Accessibility conformance (WCAG 2.2 AA) for converted pages",
    maintenance: "Rotate TLS certificates of converted sites",
    "customer-service": "Image-heavy shops convert slowly",
  } as Record<string, string>,
};
// Kaizen (kaizen.spec.ts): a problem planned and ready for Plan → Do, its KPI on target two
// weeks running; a problem with an overdue countermeasure; a proposal unanswered for 8 days.
export const KAIZEN_SERVICE = { key: "e2e-kaizen", name: "E2E Kaizen" };
export const KAIZEN_PROBLEM = "Deploys wait a day for a manual approval";
export const KAIZEN_OVERDUE_PROBLEM = "Monitoring misses converted sites";
// The weekly synchronisation (weekly.spec.ts): the Kaizen team's second service, where Pia
// facilitates the weekly meeting and Ken watches the agenda.
export const WEEKLY_SERVICE = { key: "e2e-weekly", name: "E2E Weekly" };
// The portfolio (portfolio.spec.ts): Petra's two teams own RED (an open andon) and GREEN; a third
// team, not hers, owns the UNSEEN service (two andons: it would sort first if she saw it).
export const PORTFOLIO_RED = { key: "e2e-pf-red", name: "E2E Portfolio Red" };
export const PORTFOLIO_GREEN = { key: "e2e-pf-green", name: "E2E Portfolio Green" };
export const PORTFOLIO_UNSEEN = { key: "e2e-pf-unseen", name: "E2E Portfolio Unseen" };
