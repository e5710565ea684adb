import { describe, expect, it } from "vitest";
import { countedScore, daysLate, latePenaltyPercent, scoreSubmission, type ScoredSubmission } from "../../app/_server/policies.ts";

const due = new Date("2026-11-10T23:59:00Z");
const HOUR = 3600_000;
const penalty = { dueAt: due, lateWork: "penalty", latePenaltyPerDay: 10, latePenaltyCap: 30 };

function submission(id: string, hoursAfterDue: number, score: number, overridePoints: number | null = null): ScoredSubmission {
  return { id, createdAt: new Date(due.getTime() + hoursAfterDue * HOUR), status: "graded", score, maxScore: 10, overridePoints };
}

describe("late penalties", () => {
  it("count started days: one second late is one day late", () => {
    expect(daysLate(due, new Date(due.getTime() - 1))).toBe(0);
    expect(daysLate(due, due)).toBe(0);
    expect(daysLate(due, new Date(due.getTime() + 1000))).toBe(1);
    expect(daysLate(due, new Date(due.getTime() + 24 * HOUR))).toBe(1);
    expect(daysLate(due, new Date(due.getTime() + 24 * HOUR + 1))).toBe(2);
  });

  it("take the per-day percentage, up to the cap", () => {
    expect(latePenaltyPercent(penalty, new Date(due.getTime() + 2 * HOUR))).toBe(10);
    expect(latePenaltyPercent(penalty, new Date(due.getTime() + 49 * HOUR))).toBe(30);
    expect(latePenaltyPercent(penalty, new Date(due.getTime() + 30 * 24 * HOUR))).toBe(30);
    expect(latePenaltyPercent({ ...penalty, lateWork: "refuse" }, new Date(due.getTime() + 2 * HOUR))).toBe(0);
  });

  it("apply to the autograded points, while an override replaces them outright", () => {
    const late = scoreSubmission(submission("a", 30, 10), 20, penalty);
    expect(late).toMatchObject({ autoPoints: 20, penaltyPercent: 20, points: 16, late: true, overridden: false });
    const overridden = scoreSubmission(submission("b", 30, 10, 18.5), 20, penalty);
    expect(overridden).toMatchObject({ points: 18.5, overridden: true, autoPoints: 20 });
  });
});

describe("the score that counts", () => {
  const attempts = [submission("first", -48, 6), submission("best", -24, 9), submission("last", 5, 7)];

  it("is the best submission under 'best', after penalties", () => {
    expect(countedScore(attempts, 10, { ...penalty, scorePolicy: "best" })).toMatchObject({ submissionId: "best", points: 9 });
    // A late perfect score that the penalty brings below an on-time one does not win.
    const withLate = [...attempts, submission("late-perfect", 60, 10)];
    expect(countedScore(withLate, 10, { ...penalty, scorePolicy: "best" })).toMatchObject({ submissionId: "best", points: 9 });
  });

  it("is the last graded submission under 'last', even when worse", () => {
    expect(countedScore(attempts, 10, { ...penalty, scorePolicy: "last" })).toMatchObject({ submissionId: "last", points: 6.3 });
  });

  it("ignores submissions still being graded, and is null with nothing graded", () => {
    const pending: ScoredSubmission = { ...submission("pending", 10, 10), status: "queued", score: null };
    expect(countedScore([...attempts, pending], 10, { ...penalty, scorePolicy: "last" })).toMatchObject({ submissionId: "last" });
    expect(countedScore([pending], 10, { ...penalty, scorePolicy: "best" })).toBeNull();
  });

  it("lets an override make a submission the best one", () => {
    const withOverride = [submission("low", -5, 2, 9.5), submission("high", -1, 9)];
    expect(countedScore(withOverride, 10, { ...penalty, scorePolicy: "best" })).toMatchObject({ submissionId: "low", points: 9.5, overridden: true });
  });
});
