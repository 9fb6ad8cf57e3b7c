/** Browser-test helpers of the Édition tab: edit mode on, and the panel's collapsible sections. */
import type { Page } from 'playwright-core';

export async function openEditing(page: Page): Promise<void> {
  const toggle = page.getByLabel('Mode édition');
  if (!(await toggle.isChecked())) await toggle.check();
  await page.getByRole('tab', { name: 'Édition' }).click();
  await page.getByRole('heading', { name: 'Édition des sites' }).waitFor();
}

/** Opens a collapsible section of the panel (details/summary) if it is closed. */
export async function openSection(page: Page, testId: string): Promise<void> {
  const details = page.getByTestId(testId);
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}
