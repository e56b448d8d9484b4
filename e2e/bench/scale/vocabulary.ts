// Words for the titles and descriptions of seeded tasks, so text search meets text that looks like people's tasks.
import { pick } from '../../support/prng';

const words = `
account action address agenda agreement alert analysis answer api app approval archive article asset audit
backlog backup badge balance banner batch benchmark billing blocker blog board booking branch brief browser budget
bug build bundle button cache calendar call campaign candidate card cart catalog certificate change channel chart
check checklist cleanup client closing cluster code comment commit company compliance component config contact
content contract cost coverage crash customer dashboard data database deadline deal debug decision delivery demo
deploy design detail device diagram discount dns docs domain draft driver email endpoint error estimate event
expense export feature feedback field file filter finance fix flow font footer forecast form format framework
funnel gallery gateway goal grant graph guide handbook handover header help hiring holiday homepage hosting icon
idea image import incident index inquiry install integration interview inventory issue item journey kickoff label
landing laptop launch layout lead legal library license limit link list load locale log login logo loop mailbox
maintenance manual map margin market meeting memo menu merge message metric migration milestone mobile mockup model
module monitor navigation network newsletter note notice offer office onboarding order outage owner package page
partner password patch payment payroll pipeline plan platform plugin policy portal post presentation preview price
printer priority privacy process product profile project prompt proposal prototype purchase query queue quote
ranking rate receipt recipe record refactor refund region release report request research resource response
retro review revenue roadmap role rollout router salary sample schedule schema screen script search security
segment seller server service session setting setup share shipment signup sitemap sketch slide snapshot software
source spec sprint staging standup statement status storage story strategy style submission subscription summary
supplier support survey sync system table target task team template tenant test theme ticket timeline token
tracking training transfer translation trial update upgrade upload usage user vendor version video visit voucher
warehouse webinar website widget wiki window workflow workshop
add adjust align analyse approve assign book check clarify clean collect compare confirm create deliver discuss
draft email estimate finish fix follow hire improve migrate order organise pay plan prepare publish reply review
rewrite schedule send ship sign sort submit test translate update verify write
annual blue broken careful clear daily early final first green internal late legacy local main minor monthly new
next old open pending quick red remote shared small urgent weekly
`
  .trim()
  .split(/\s+/);

/** The word the search bench looks for: in about 5% of foreign tasks, and in some of the measured user's own. */
export const searchWord = 'quarterly';
if (words.some((word) => word.includes(searchWord) || searchWord.includes(word))) {
  throw new Error(`the search word "${searchWord}" overlaps a vocabulary word, so LIKE would match more than intended`);
}

function phrase(random: () => number, min: number, max: number): string[] {
  return Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => pick(random, words));
}

/** A title and description of a few and a dozen or two words; `withWord` puts the search word in one of them. */
export function taskText(random: () => number, withWord: boolean): { title: string; description: string } {
  const title = phrase(random, 2, 6);
  const description = phrase(random, 6, 24);
  if (withWord) {
    const target = random() < 0.5 ? title : description;
    target.splice(Math.floor(random() * (target.length + 1)), 0, searchWord);
  }
  title[0] = title[0][0].toUpperCase() + title[0].slice(1);
  return { title: title.join(' '), description: `${description.join(' ')}.` };
}

export const vocabularySize = words.length;
