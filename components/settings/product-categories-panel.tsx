"use client";

import { useState, type FormEvent } from "react";
import { assignCategoryAction, saveCategoryAction } from "@/app/(app)/settings/actions";
import { useTranslator } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useServerAction } from "@/components/ui/use-server-action";
import { commonMessages } from "@/lib/i18n/messages/common";
import { settingsMessages } from "@/lib/i18n/messages/settings";
import { plural } from "@/lib/i18n/numbers";

type Category = { id: string; name: string; smsReviewDelayDays: number | null; productCount: number };
type Product = { id: string; title: string; sku: string | null; categoryId: string | null };

function CategoryRow({
  category,
  defaultDays,
  canEdit,
}: {
  category: Category;
  defaultDays: number;
  canEdit: boolean;
}) {
  const [days, setDays] = useState(category.smsReviewDelayDays?.toString() ?? "");
  const save = useServerAction(saveCategoryAction);
  const { t, locale } = useTranslator(settingsMessages);
  const { t: common } = useTranslator(commonMessages);
  const productCount = t(plural(locale, category.productCount, "categories.productCount"), {
    count: category.productCount,
  });
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-2" data-testid={`category-${category.name}`}>
      <span className="min-w-40 flex-1">
        <span className="font-medium">{category.name}</span>
        <span className="block text-xs text-stone-500">{productCount}</span>
      </span>
      <label className="text-xs text-stone-600" htmlFor={`days-${category.id}`}>
        {t("categories.smsAfterDays")}
      </label>
      <input
        id={`days-${category.id}`}
        inputMode="numeric"
        placeholder={t("categories.defaultDays", { days: defaultDays })}
        value={days}
        disabled={!canEdit}
        onChange={(event) => setDays(event.target.value)}
        className="w-28 rounded-md border border-stone-300 px-2 py-1 text-sm"
      />
      {canEdit && (
        <Button
          variant="secondary"
          pending={save.pending}
          onClick={() =>
            save.run({ id: category.id, name: category.name, smsReviewDelayDays: days }, () => common("saved"))
          }
        >
          {common("save")}
        </Button>
      )}
      {save.message && (
        <span className={`w-full text-xs ${save.message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {save.fieldErrors.smsReviewDelayDays?.[0] ?? save.message.text}
        </span>
      )}
    </li>
  );
}

export function ProductCategoriesPanel({
  categories,
  products,
  uncategorized,
  defaultDays,
  canEdit,
}: {
  categories: Category[];
  products: Product[];
  uncategorized: number;
  defaultDays: number;
  canEdit: boolean;
}) {
  const create = useServerAction(saveCategoryAction);
  const assign = useServerAction(assignCategoryAction);
  // Shown at once; the server's answer confirms it (or the error says why and the list reloads).
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const { t } = useTranslator(settingsMessages);

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.run({ name: data.get("categoryName"), smsReviewDelayDays: data.get("categorySmsDelayDays") }, (saved) => {
      form.reset();
      return t("categories.added", { name: saved.name });
    });
  }

  return (
    <div className="max-w-3xl space-y-5">
      {categories.length === 0 ? (
        <Notice>{t("categories.none")}</Notice>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm">
          {categories.map((category) => (
            <CategoryRow key={category.id} category={category} defaultDays={defaultDays} canEdit={canEdit} />
          ))}
        </ul>
      )}
      {canEdit && (
        <form onSubmit={onCreate} noValidate className="flex flex-wrap items-end gap-3">
          <div className="min-w-48 flex-1">
            <TextField
              id="categoryName"
              label={t("categories.newCategory")}
              placeholder={t("categories.newCategoryPlaceholder")}
              errors={create.fieldErrors.name}
            />
          </div>
          <div className="w-40">
            <TextField
              id="categorySmsDelayDays"
              label={t("categories.smsAfterDays")}
              inputMode="numeric"
              placeholder={t("categories.defaultDays", { days: defaultDays })}
              errors={create.fieldErrors.smsReviewDelayDays}
            />
          </div>
          <Button type="submit" pending={create.pending}>
            {t("categories.add")}
          </Button>
        </form>
      )}
      {create.message && <Notice tone={create.message.tone}>{create.message.text}</Notice>}

      {products.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-medium">
            {t("categories.products")}{" "}
            {uncategorized > 0 && (
              <span className="font-normal text-stone-500">
                {t("categories.uncategorized", { count: uncategorized })}
              </span>
            )}
          </h3>
          {assign.message && <Notice tone={assign.message.tone}>{assign.message.text}</Notice>}
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm">
            {products.map((product) => (
              <li key={product.id} className="flex items-center justify-between gap-3 px-4 py-2">
                <span>
                  {product.title} {product.sku && <code className="text-xs text-stone-500">{product.sku}</code>}
                </span>
                <label className="sr-only" htmlFor={`category-of-${product.id}`}>
                  {t("categories.categoryOf", { product: product.title })}
                </label>
                <select
                  id={`category-of-${product.id}`}
                  value={chosen[product.id] ?? product.categoryId ?? ""}
                  disabled={!canEdit || assign.pending}
                  onChange={(event) => {
                    const categoryId = event.target.value;
                    setChosen((current) => ({ ...current, [product.id]: categoryId }));
                    assign.run({ productId: product.id, categoryId: categoryId || null }, () =>
                      t("categories.productSaved", { product: product.title }),
                    );
                  }}
                  className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
                >
                  <option value="">{t("categories.noCategory")}</option>
                  {categories.map((category) => (
                    <option key={category.id} value={category.id}>
                      {category.name}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
