import { countyCalendarSpec, courtCalendarSpec, type CalendarOverrides, type CalendarSpec } from './calendar';
import { computeDue, type Adjustments, type DueResult } from './compute-due';
import type { PolicyOverride, PolicyRule } from './policy-rule';

export interface CountyConfiguration {
  name: string;
  /** Changes to configurable rules (unconfirmed or county practice); each names its source. */
  rules?: Record<string, PolicyOverride>;
  calendar?: CalendarOverrides;
  court?: CalendarOverrides;
}

/**
 * The rules one service enforces, with per-county configuration layered on the state defaults. Each domain's
 * `domain` lib exports its catalog; each app composes the registry of the rules it runs (apps/<service>/src/rules.ts).
 */
export class PolicyRegistry {
  private readonly byId: Map<string, PolicyRule>;

  constructor(
    readonly rules: readonly PolicyRule[],
    private readonly counties: Record<string, CountyConfiguration> = {},
  ) {
    this.byId = new Map(rules.map((r) => [r.id, r]));
    if (this.byId.size !== rules.length) throw new Error('Two policy rules share an id');
    for (const [county, config] of Object.entries(counties)) {
      for (const [id, override] of Object.entries(config.rules ?? {})) {
        const rule = this.byId.get(id);
        if (!rule) throw new Error(`County ${county} overrides unknown rule '${id}'`);
        if (!rule.configurablePerCounty) throw new Error(`County ${county} cannot override '${id}': it is a confirmed state rule`);
        if (!override.source) throw new Error(`County ${county}'s override of '${id}' must name its source`);
        const refused = Object.keys(override).filter((f) => f !== 'source' && !(rule.configurable as readonly string[]).includes(f));
        if (refused.length)
          throw new Error(
            `County ${county} cannot change ${refused.map((f) => `'${f}'`).join(', ')} of '${id}': the law sets ${refused.length === 1 ? 'it' : 'them'}; a county may change only ${rule.configurable.map((f) => `'${f}'`).join(', ')}`,
          );
      }
    }
  }

  /** The rule as it applies in a county (county configuration merged over the state default). */
  rule(id: string, countyCode?: string): PolicyRule {
    const rule = this.byId.get(id);
    if (!rule) throw new Error(`Unknown policy rule '${id}'`);
    const override = countyCode ? this.counties[countyCode]?.rules?.[id] : undefined;
    if (!override) return rule;
    const rollChanged = override.rollDirection !== undefined && override.rollDirection !== rule.rollDirection;
    return {
      ...rule,
      ...override,
      source: `${override.source} (county ${countyCode} configuration; state default: ${rule.source})`,
      ...(rollChanged && override.rollReason === undefined
        ? {
            rollReason: `County ${countyCode} configuration: ${override.rollDirection}, per ${override.source} (state default: ${rule.rollDirection}, ${rule.rollReason.replace(/\.$/, '')})`,
          }
        : {}),
      ...(rollChanged && override.rollSource === undefined ? { rollSource: `${override.source}; ${rule.rollSource}` } : {}),
    };
  }

  /** The calendar that decides closed days for a rule in a county. */
  calendarFor(rule: Pick<PolicyRule, 'calendar'>, countyCode: string): CalendarSpec {
    const county = this.counties[countyCode];
    return rule.calendar === 'court' ? courtCalendarSpec(countyCode, county?.court) : countyCalendarSpec(countyCode, county?.calendar);
  }

  /** When a rule started at `startAt` is due in a county, with its explanation (the rule and calendar as they apply there). */
  due(id: string, countyCode: string, startAt: string, adjustments?: Adjustments): DueResult {
    const rule = this.rule(id, countyCode);
    return computeDue(rule, startAt, this.calendarFor(rule, countyCode), adjustments);
  }
}

/** County configurations in force. Empty: every county runs the state defaults until its configuration is recorded here. */
export const countyConfigurations: Record<string, CountyConfiguration> = {};
