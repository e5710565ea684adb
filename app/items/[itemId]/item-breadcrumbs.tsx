import Link from "next/link";

/** Where an item sits: its course and set, and the set's previous and next items. */
export function ItemBreadcrumbs({
  course,
  set,
  title,
  neighbours,
}: {
  course: { readonly code: string };
  set: { readonly id: string; readonly title: string };
  title: string;
  neighbours: { readonly previous: string | null; readonly next: string | null };
}) {
  return (
    <div className="breadcrumbs">
      <Link href="/">{course.code}</Link> / <Link href={`/sets/${set.id}`}>{set.title}</Link> / {title}
      <span style={{ float: "right" }}>
        {neighbours.previous ? <Link href={`/items/${neighbours.previous}`}>← Previous</Link> : null}
        {neighbours.previous && neighbours.next ? " · " : null}
        {neighbours.next ? <Link href={`/items/${neighbours.next}`}>Next →</Link> : null}
      </span>
    </div>
  );
}
