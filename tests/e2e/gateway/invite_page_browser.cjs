// The browser's part of invite_page_browser_test.cc (CON-12): Debian's
// Chromium, headless, driven by playwright-core from tools/node_modules.
// Inputs come from the environment; exits non-zero with the reason on the
// first expectation that fails.
'use strict';
const path = require('path');
const { chromium } = require(path.join(process.env.ENGAGE_TOOLS_DIR, 'node_modules', 'playwright-core'));

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

function expect(ok, what) {
  if (!ok) throw new Error(`expected: ${what}`);
  console.log(`ok: ${what}`);
}

async function main() {
  const context = await chromium.launchPersistentContext(env('PROFILE_DIR'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 520, height: 820 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('dialog', (d) => { problems.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // The browser's own probe for /favicon.ico is no request of the page's.
      if (m.type() === 'error' && !/favicon\.ico/.test(m.location().url || '')) {
        problems.push(`console error: ${m.text()} (${m.location().url})`);
      }
    });

    // Scanned QR code: the link opens the page, which shows nothing yet.
    const response = await page.goto(env('INVITE_LINK'));
    expect(response.status() === 200, 'the link opens the page');
    const headers = response.headers();
    expect(/frame-ancestors 'none'/.test(headers['content-security-policy'] || ''), 'a CSP');
    expect(headers['referrer-policy'] === 'no-referrer', 'no referrer');
    expect(await page.locator('#card').innerText() !== '', 'a prompt to sign in');

    // The HCP pastes the token of their sign-in.
    await page.fill('#bearer', env('HCP_TOKEN'));
    await page.fill('#first-name', 'Dr');
    await page.fill('#last-name', 'Abernathy');
    await page.click('#show');
    const name = page.locator('.card .name');
    await name.waitFor({ timeout: 10000 });
    expect((await name.innerText()) === 'Sarah Jones', "the inviter's name");
    expect((await page.locator('.company').innerText()) === 'Verteo BioPharma', "the company's name");
    const meds = await page.locator('.medications li').allInnerTexts();
    expect(meds.join(',') === 'Cholecap,Restolar', "the group's medications");
    const header = await page.locator('#brand').evaluate((e) => getComputedStyle(e).backgroundImage);
    expect(header.includes('rgb(10, 126, 140)') && header.includes('rgb(242, 169, 0)'),
           `the company's colours on the header (${header})`);
    const accept = await page.locator('#accept').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(accept === 'rgb(10, 126, 140)', `Accept in the primary colour (${accept})`);
    expect(await page.locator('#answer').isVisible(), 'Accept and Decline offered');
    await page.screenshot({ path: env('SCREENSHOT') });

    await page.click('#accept');
    await page.locator('#status', { hasText: 'You are now connected.' }).waitFor({ timeout: 10000 });
    await page.locator('body[data-state="ACCEPTED"]').waitFor({ timeout: 10000 });
    expect(!(await page.locator('#answer').isVisible()), 'no buttons once used');
    expect((await page.locator('.state').innerText()).includes('already used'), 'says it is used');

    // An expired invite, opened in the same tab (the token stays in sessionStorage).
    await page.goto(env('EXPIRED_LINK'));
    await page.locator('body[data-state="EXPIRED"]').waitFor({ timeout: 10000 });
    expect((await page.locator('.state').innerText()) === 'This invitation has expired.',
           'an expired invite says so');
    expect(!(await page.locator('#answer').isVisible()), 'and offers no buttons');

    // A name holding <script> is shown as text and runs nothing.
    await page.goto(env('MARKUP_LINK'));
    await page.locator('body[data-state="PENDING"]').waitFor({ timeout: 10000 });
    expect((await page.locator('.card .name').innerText()) ===
           '<script>window.pwned=1</script> Jones', 'markup in a name shown as text');
    expect((await page.evaluate(() => window.pwned)) === undefined, 'and nothing ran');
    expect((await page.locator('.card script').count()) === 0, 'no script element in the card');

    expect(problems.length === 0, `no dialog, error or CSP violation (${problems.join('; ')})`);
  } finally {
    await context.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
