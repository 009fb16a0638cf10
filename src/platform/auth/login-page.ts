const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const KIND_LABEL: Record<string, string> = { citizen: 'Công dân', business: 'Doanh nghiệp', officer: 'Cán bộ' };

/** The built-in provider's sign-in page: Vietnamese first, works on a phone, no script. */
export function renderLoginPage(p: { uid: string; accounts: { username: string; full_name: string; kind: string }[]; error: string | null }): string {
  const options = p.accounts
    .map(
      (a) =>
        `<li><button type="submit" name="username" value="${esc(a.username)}"><strong>${esc(a.full_name)}</strong><span>${esc(KIND_LABEL[a.kind] ?? a.kind)} · ${esc(a.username)}</span></button></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đăng nhập — Máy chủ định danh thử nghiệm</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1a1a1a}
main{max-width:30rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.4rem;color:#8b0000}
.note{background:#fff7e0;border-left:4px solid #c98a00;padding:.6rem .8rem;font-size:.95rem}
label{display:block;font-weight:600;margin:1rem 0 .3rem}
input{width:100%;box-sizing:border-box;font-size:1.1rem;padding:.6rem;border:1px solid #666;border-radius:4px}
button{font-size:1rem;padding:.6rem 1rem;border-radius:4px;border:1px solid #8b0000;background:#8b0000;color:#fff;cursor:pointer;margin-top:.6rem}
button:focus,input:focus{outline:3px solid #1d4ed8;outline-offset:2px}
ul{list-style:none;padding:0}li button{width:100%;text-align:left;background:#fff;color:#1a1a1a;border-color:#999;display:flex;flex-direction:column}
li button span{font-size:.85rem;color:#444}
.error{color:#a00000;font-weight:600}
</style></head>
<body><main>
<h1>Đăng nhập</h1>
<p class="note">Máy chủ định danh dùng để thử nghiệm: chọn một tài khoản mẫu. Khi triển khai thật, hệ thống dùng định danh điện tử quốc gia (VNeID) hoặc hệ thống đăng nhập một lần của tỉnh.<br><span lang="en">Development identity provider: pick a demo account.</span></p>
<form method="post" action="/oidc/interaction/${esc(p.uid)}/login">
<label for="username">Tên đăng nhập / Username</label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" ${p.error !== null ? 'aria-invalid="true" aria-describedby="err"' : ''} value="${esc(p.error ?? '')}">
${p.error !== null ? `<p id="err" class="error" role="alert">Không có tài khoản "${esc(p.error)}". / No such account.</p>` : ''}
<button type="submit">Đăng nhập / Sign in</button>
<h2 style="font-size:1.1rem;margin-top:1.5rem">Tài khoản mẫu / Demo accounts</h2>
<ul>${options}</ul>
</form>
</main></body></html>`;
}
