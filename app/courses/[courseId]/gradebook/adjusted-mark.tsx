/** Marks a gradebook cell whose student has their own terms on the set (an extension or an accommodation). */
export function AdjustedMark({ adjusted }: { adjusted: boolean | undefined }) {
  if (!adjusted) return null;
  return (
    <span className="gb-marker adjusted" data-testid="gradebook-adjusted" title="This student has their own terms on this set (an extension or an accommodation): see Extensions.">
      <span aria-hidden="true">⏱</span>
      <span className="visually-hidden"> own terms</span>
    </span>
  );
}
