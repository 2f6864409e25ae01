"use client";

/** The rules of a rules-mode mapping: ordered rules with their conditions, then a default. */

import type { TargetField } from "@/lib/mapping/targets";
import type { Condition, FieldMapping, Rule, RuleDefault } from "@/lib/mapping/template";
import { OPERATOR_LABELS, OPERATORS, type Operator, UNARY_OPERATORS } from "@/lib/mapping/template-terms";
import { Button } from "../ui/button";
import { SourcePicker } from "./source-picker";

type RulesMapping = Extract<FieldMapping, { mode: "rules" }>;

const small = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function newCondition(path = ""): Condition {
  return { path, op: "equals", value: "" };
}

export function newRule(path = ""): Rule {
  return { match: "all", conditions: [newCondition(path)], output: { kind: "value", value: "" } };
}

function conditionValue(op: Operator, previous: Condition["value"]): Condition["value"] {
  if (UNARY_OPERATORS.has(op)) return undefined;
  if (op === "in_list") return Array.isArray(previous) ? previous : previous ? [previous] : [];
  return Array.isArray(previous) ? previous.join(",") : (previous ?? "");
}

/** Ordered rules (first match wins), each with conditions joined by all/any, then a default. */
export function RulesEditor({
  target,
  name,
  mapping,
  onChange,
}: {
  target: TargetField;
  /** The row's full name, e.g. "Shipping address › City", for the controls' accessible names. */
  name: string;
  mapping: RulesMapping;
  onChange: (mapping: RulesMapping) => void;
}) {
  const forItem = target.group === "item";
  const where = name;
  const setRules = (rules: Rule[]) => onChange({ ...mapping, rules });
  const setRule = (index: number, rule: Rule) => setRules(mapping.rules.map((r, i) => (i === index ? rule : r)));
  const move = (index: number, by: -1 | 1) => {
    const rules = [...mapping.rules];
    const [rule] = rules.splice(index, 1);
    if (rule) rules.splice(index + by, 0, rule);
    setRules(rules);
  };
  const setDefault = (value: RuleDefault) => onChange({ ...mapping, default: value });

  return (
    <div className="space-y-3">
      <ol className="space-y-3">
        {mapping.rules.map((rule, ri) => {
          const ruleName = `${where}, rule ${ri + 1}`;
          return (
            <li key={ri} className="rounded-md border border-slate-200 bg-slate-50 p-3" aria-label={`Rule ${ri + 1}`}>
              <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium text-slate-800">Rule {ri + 1}: when</span>
                <select
                  aria-label={`${ruleName}: match`}
                  value={rule.match}
                  onChange={(e) => setRule(ri, { ...rule, match: e.target.value as Rule["match"] })}
                  className={small}
                >
                  <option value="all">all conditions match</option>
                  <option value="any">any condition matches</option>
                </select>
                <div className="ml-auto flex gap-1">
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    aria-label={`Move rule ${ri + 1} up`}
                    disabled={ri === 0}
                    onClick={() => move(ri, -1)}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    aria-label={`Move rule ${ri + 1} down`}
                    disabled={ri === mapping.rules.length - 1}
                    onClick={() => move(ri, 1)}
                  >
                    ↓
                  </Button>
                  <Button
                    variant="ghost"
                    className="px-2 py-1 text-red-700"
                    aria-label={`Remove rule ${ri + 1}`}
                    onClick={() => setRules(mapping.rules.filter((_, i) => i !== ri))}
                  >
                    Remove rule
                  </Button>
                </div>
              </div>
              <ul className="space-y-2">
                {rule.conditions.map((condition, ci) => {
                  const condName = `${ruleName}, condition ${ci + 1}`;
                  const setCondition = (next: Condition) =>
                    setRule(ri, { ...rule, conditions: rule.conditions.map((c, i) => (i === ci ? next : c)) });
                  return (
                    <li key={ci} className="grid gap-2 sm:grid-cols-[minmax(12rem,1fr)_11rem_minmax(8rem,1fr)_auto]">
                      <SourcePicker
                        label={`${condName}: field`}
                        value={condition.path}
                        forItemTarget={forItem}
                        onChange={(path) => setCondition({ ...condition, path })}
                      />
                      <select
                        aria-label={`${condName}: operator`}
                        value={condition.op}
                        onChange={(e) => {
                          const op = e.target.value as Operator;
                          setCondition({ ...condition, op, value: conditionValue(op, condition.value) });
                        }}
                        className={small}
                      >
                        {OPERATORS.map((op) => (
                          <option key={op} value={op}>
                            {OPERATOR_LABELS[op]}
                          </option>
                        ))}
                      </select>
                      {UNARY_OPERATORS.has(condition.op) ? (
                        <span className="self-center text-xs text-slate-600">no value needed</span>
                      ) : condition.op === "in_list" ? (
                        <input
                          aria-label={`${condName}: values, separated by commas`}
                          placeholder="value, value, …"
                          value={Array.isArray(condition.value) ? condition.value.join(",") : ""}
                          onChange={(e) => setCondition({ ...condition, value: e.target.value.split(",") })}
                          className={small}
                        />
                      ) : (
                        <input
                          aria-label={`${condName}: value`}
                          value={typeof condition.value === "string" ? condition.value : ""}
                          onChange={(e) => setCondition({ ...condition, value: e.target.value })}
                          className={small}
                        />
                      )}
                      <Button
                        variant="ghost"
                        className="px-2 py-1"
                        aria-label={`Remove ${condName}`}
                        disabled={rule.conditions.length === 1}
                        onClick={() => setRule(ri, { ...rule, conditions: rule.conditions.filter((_, i) => i !== ci) })}
                      >
                        ✕
                      </Button>
                    </li>
                  );
                })}
              </ul>
              <Button
                variant="ghost"
                className="mt-1 px-2 py-1 text-brand-700"
                onClick={() => setRule(ri, { ...rule, conditions: [...rule.conditions, newCondition()] })}
              >
                + Add condition
              </Button>
              <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium text-slate-800">then set it to</span>
                <select
                  aria-label={`${ruleName}: output`}
                  value={rule.output.kind}
                  onChange={(e) =>
                    setRule(ri, {
                      ...rule,
                      output: e.target.value === "field" ? { kind: "field", path: "" } : { kind: "value", value: "" },
                    })
                  }
                  className={small}
                >
                  <option value="value">a value</option>
                  <option value="field">a SellerCloud field</option>
                </select>
                {rule.output.kind === "value" ? (
                  <input
                    aria-label={`${ruleName}: output value`}
                    value={rule.output.value}
                    onChange={(e) => setRule(ri, { ...rule, output: { kind: "value", value: e.target.value } })}
                    className={`${small} min-w-40 flex-1`}
                  />
                ) : (
                  <div className="min-w-56 flex-1">
                    <SourcePicker
                      label={`${ruleName}: output field`}
                      value={rule.output.path}
                      forItemTarget={forItem}
                      onChange={(path) => setRule(ri, { ...rule, output: { kind: "field", path } })}
                    />
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <Button variant="secondary" onClick={() => setRules([...mapping.rules, newRule()])}>
        Add rule
      </Button>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium text-slate-800">When no rule matches:</span>
        <select
          aria-label={`${where}: when no rule matches`}
          value={mapping.default.kind}
          onChange={(e) => {
            const kind = e.target.value;
            setDefault(
              kind === "value"
                ? { kind: "value", value: "" }
                : kind === "field"
                  ? { kind: "field", path: "" }
                  : { kind: "empty" },
            );
          }}
          className={small}
        >
          <option value="empty">leave it empty</option>
          <option value="value">use a value</option>
          <option value="field">use a SellerCloud field</option>
        </select>
        {mapping.default.kind === "value" && (
          <input
            aria-label={`${where}: default value`}
            value={mapping.default.value}
            onChange={(e) => setDefault({ kind: "value", value: e.target.value })}
            className={`${small} min-w-40 flex-1`}
          />
        )}
        {mapping.default.kind === "field" && (
          <div className="min-w-56 flex-1">
            <SourcePicker
              label={`${where}: default field`}
              value={mapping.default.path}
              forItemTarget={forItem}
              onChange={(path) => setDefault({ kind: "field", path })}
            />
          </div>
        )}
      </div>
    </div>
  );
}
