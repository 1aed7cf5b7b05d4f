"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useUiLocale } from "@/components/i18n/locale-provider";
import { formatPercent } from "@/lib/i18n/numbers";

const COLORS = ["#25654f", "#c2410c", "#0369a1", "#a16207", "#7e22ce", "#be123c", "#4d7c0f"];

/** Occurrences per week, one bar segment per category. The table under it holds the same numbers. */
export function FrictionWeeklyChart({
  weeks,
  categories,
  label,
}: {
  weeks: Record<string, string | number>[];
  categories: string[];
  label: string;
}) {
  return (
    <figure aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={weeks} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e7e5e4" />
          <XAxis dataKey="week" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {categories.map((category, index) => (
            <Bar
              key={category}
              dataKey={category}
              stackId="friction"
              fill={COLORS[index % COLORS.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Two rates per step, in percent. */
export function OutcomeRatesChart({
  rows,
  label,
  series,
}: {
  rows: Record<string, string | number | null>[];
  label: string;
  series: { key: string; name: string }[];
}) {
  const locale = useUiLocale();
  return (
    <figure aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e7e5e4" />
          <XAxis dataKey="step" fontSize={12} />
          <YAxis unit="%" fontSize={12} />
          <Tooltip formatter={(value) => formatPercent(Number(value) / 100, locale)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, index) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={COLORS[index]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
