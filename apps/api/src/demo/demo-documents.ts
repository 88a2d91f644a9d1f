/** Demo content: the kind of drafts coalitions bring from Word or Google Docs, in Markdown. */

export const bpfDraftMarkdown = (year: number) => `# Best Practice Forum on Cybersecurity: draft output ${year}

## Introduction

The Best Practice Forum on Cybersecurity brings together stakeholders from every region to identify how the agreed norms of responsible behaviour in cyberspace are put into practice, and what capacity building helps.

This draft collects the contributions received through the call for contributions, the discussions of the monthly calls and the findings of the case studies.

## Findings

1. Norms are implemented unevenly across regions, and mostly where national cybersecurity strategies name a lead agency.
2. Capacity building works best when it is demand-driven, sustained over several years and measured against the recipient's own goals.
3. Civil society and the technical community are rarely consulted when norms are turned into national law.

> "Capacity building is not a one-off training; it is an institution that outlives the project." — a contributor from the African Group

## Recommendations

- Governments should publish how they implement each norm, in a form others can compare.
- Donors should fund capacity building for at least three years and report on outcomes, not activities.
- Regional organisations should open their norm-implementation processes to all stakeholder groups.

## Next steps

The draft will be open for public comment before the annual meeting. Comments on any paragraph are welcome, as are suggestions of better wording.
`;

export const irpcAnnualReportMarkdown = (year: number) => `# Internet Rights and Principles Coalition: annual report ${year}

## Activities

The coalition met online every month and held its session at the annual meeting, attended by participants from all five regional groups.

## Outputs

We updated the translations of the Charter of Human Rights and Principles for the Internet and published a short guide for educators.

## Membership

The coalition's membership remained open; new members joined from government, academia and civil society.
`;
