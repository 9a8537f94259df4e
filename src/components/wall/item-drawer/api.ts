// The card detail's API path (calls go through @/lib/api-client).
export const itemPath = (itemId: string, rest = "") => `/api/v1/items/${encodeURIComponent(itemId)}${rest}`;
