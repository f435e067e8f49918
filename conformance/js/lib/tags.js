// AWS APIs do not promise an order for tags: compare them sorted by key.
const keyOf = (t) => t.Key ?? t.key;

export const sortedTags = (tags) => [...(tags ?? [])].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
