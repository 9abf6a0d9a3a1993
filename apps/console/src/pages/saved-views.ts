/**
 * Saved views of the queue: a name and its filters (query strings only: no token, no personal data), kept in this
 * browser's localStorage per signed-in person.
 */
export interface SavedView {
  name: string;
  query: string;
}

const keyOf = (subject: string) => `linkages.console.views.${subject}`;

export function loadViews(subject: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyOf(subject)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is SavedView => typeof v?.name === 'string' && typeof v?.query === 'string') : [];
  } catch {
    return [];
  }
}

export function saveView(subject: string, view: SavedView): SavedView[] {
  const views = [...loadViews(subject).filter((v) => v.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name));
  localStorage.setItem(keyOf(subject), JSON.stringify(views));
  return views;
}

export function deleteView(subject: string, name: string): SavedView[] {
  const views = loadViews(subject).filter((v) => v.name !== name);
  localStorage.setItem(keyOf(subject), JSON.stringify(views));
  return views;
}
