// vietdex web page: plain JavaScript over the JSON API; the URL holds the state.
"use strict";

const T = {
  vi: {
    search: "Tìm", query_placeholder: "Từ khóa, \"cụm từ\", -loại trừ, OR …", syntax: "Cú pháp tìm kiếm",
    syntax_help: "Các từ đều bắt buộc; \"cụm từ trong ngoặc kép\"; -từ để loại trừ; OR giữa hai vế. Gõ có dấu hoặc không dấu đều được.",
    province: "Tỉnh/thành", district: "Quận/huyện", commune: "Xã/phường", program: "Chương trình",
    organization: "Cơ quan, tổ chức", person: "Người", from: "Từ ngày", to: "Đến ngày",
    timeline: "Số bài theo tháng", cooccurrence: "Xã/phường × chương trình (số bài chung)",
    back: "← Quay lại kết quả", results: (n, a, b) => `${n} văn bản khớp` + (n ? ` · hiển thị ${a}–${b}` : ""),
    none: "Không tìm thấy văn bản nào.", prev: "← Trước", next: "Sau →", documents: "văn bản",
    export: "Xuất:", places: "Địa danh", parents: "Trực thuộc", successors: "Sau sắp xếp 2025",
    entities: "Thực thể", sources: "Nguồn", published: "Ngày đăng", outlet: "Cơ quan báo", author: "Tác giả",
    facet_province: "Tỉnh/thành", facet_district: "Quận/huyện", facet_commune: "Xã/phường",
    facet_program: "Chương trình", facet_organization: "Tổ chức", facet_person: "Người",
    undated: "không rõ ngày", stats: (d) => `${d} văn bản trong chỉ mục`,
    footer: "vietdex — tìm kiếm và khai thác tin tức tiếng Việt. Chỉ đọc; dữ liệu không rời máy này.",
    remove: "bỏ bộ lọc", similar: (n) => `${n} bài tương tự`, nocooc: "Chưa đủ dữ liệu.",
  },
  en: {
    search: "Search", query_placeholder: "Words, \"phrases\", -excluded, OR …", syntax: "Query syntax",
    syntax_help: "Every word is required; \"quoted phrases\"; -word excludes; OR between two clauses. With or without diacritics.",
    province: "Province", district: "District", commune: "Commune", program: "Program",
    organization: "Organization", person: "Person", from: "From", to: "To",
    timeline: "Documents per month", cooccurrence: "Communes × programs (shared documents)",
    back: "← Back to results", results: (n, a, b) => `${n} matching documents` + (n ? ` · showing ${a}–${b}` : ""),
    none: "No document matches.", prev: "← Previous", next: "Next →", documents: "documents",
    export: "Export:", places: "Places", parents: "Part of", successors: "After the 2025 reform",
    entities: "Entities", sources: "Sources", published: "Published", outlet: "Outlet", author: "Author",
    facet_province: "Provinces", facet_district: "Districts", facet_commune: "Communes",
    facet_program: "Programs", facet_organization: "Organizations", facet_person: "People",
    undated: "undated", stats: (d) => `${d} documents in the index`,
    footer: "vietdex — search and mine Vietnamese news. Read-only; the data never leaves this machine.",
    remove: "remove filter", similar: (n) => `${n} similar`, nocooc: "Not enough data.",
  },
};

const FILTERS = ["province", "district", "commune", "program", "org", "person", "entity", "from", "to", "source", "era"];
const PAGE = 10;
const $ = (s) => document.querySelector(s);

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k);
  return e;
}

function state() { return new URLSearchParams(location.search); }
function lang() { return state().get("lang") === "en" ? "en" : "vi"; }
function t(key, ...a) { const v = T[lang()][key]; return typeof v === "function" ? v(...a) : v; }

function go(params, replace) {
  const url = "/?" + params.toString();
  if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  render();
}

// The search parameters of the page state (no paging, view or language).
function searchParams(s) {
  const p = new URLSearchParams();
  p.set("q", s.get("q") || "");
  for (const f of FILTERS) for (const v of s.getAll(f)) p.append(f, v);
  return p;
}

async function api(path, params) {
  const r = await fetch(path + (params ? "?" + params.toString() : ""));
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function showError(e) {
  const box = $("#error");
  if (!e) { box.hidden = true; box.textContent = ""; return; }
  box.hidden = false;
  box.textContent = e.message || String(e);
}

function translate() {
  document.documentElement.lang = lang();
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t(n.dataset.i18n);
  for (const n of document.querySelectorAll("[data-i18n-placeholder]")) n.placeholder = t(n.dataset.i18nPlaceholder);
}

// Snippet text with its byte-range highlights as <mark>.
function highlighted(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const out = [];
  let last = 0;
  for (const [a, b] of ranges) {
    if (a < last || b > bytes.length) continue;
    out.push(dec.decode(bytes.slice(last, a)));
    out.push(el("mark", {}, dec.decode(bytes.slice(a, b))));
    last = b;
  }
  out.push(dec.decode(bytes.slice(last)));
  return out;
}

const PLACE_FILTER = { province: "province", district: "district", commune: "commune" };

// The filter (name, value) a chip for an entity applies.
function entityFilter(e) {
  if (PLACE_FILTER[e.kind] && e.code) return [PLACE_FILTER[e.kind], e.code];
  if (e.kind === "program") return ["program", e.detail ? `${e.name} ${e.detail}` : e.name];
  if (e.kind === "organization") return ["org", e.value];
  if (e.kind === "person") return ["person", e.value];
  return null;
}

function entityLabel(e) {
  if (PLACE_FILTER[e.kind] && e.name) return e.name + (e.kind !== "province" && e.province ? ` (${e.province.replace(/^(Tỉnh|Thành phố) /, "")})` : "");
  if (e.kind === "program") return e.detail ? `${e.name} (${e.detail})` : e.name;
  return e.text;
}

function addFilter(name, value) {
  const s = state();
  if (!s.getAll(name).includes(value)) s.append(name, value);
  s.delete("offset"); s.delete("doc");
  go(s);
}

function chipsOf(entities, max) {
  const seen = new Set();
  const out = [];
  for (const e of entities) {
    const f = entityFilter(e);
    if (!f) continue;
    const label = entityLabel(e);
    const key = f.join("=");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(el("a", { class: `chip ent-${e.kind}`, href: "#", title: `${e.kind}: ${label}`, "data-filter": f[0], "data-value": f[1],
      onclick: (ev) => { ev.preventDefault(); addFilter(f[0], f[1]); } }, label));
    if (out.length >= max) break;
  }
  return out;
}

function renderActive(s) {
  const box = $("#active");
  box.replaceChildren();
  for (const f of FILTERS) for (const v of s.getAll(f)) {
    box.append(el("a", { class: "chip active", href: "#", title: t("remove"), onclick: (ev) => {
      ev.preventDefault();
      const n = state();
      const rest = n.getAll(f).filter((x) => x !== v);
      n.delete(f); for (const r of rest) n.append(f, r);
      n.delete("offset");
      go(n);
    } }, `${f}: ${v}`, el("span", { class: "x" }, "×")));
  }
}

async function renderResults(s) {
  const params = searchParams(s);
  const offset = Number(s.get("offset") || 0);
  const page = new URLSearchParams(params);
  page.set("limit", PAGE); page.set("offset", offset);
  const res = await api("/api/search", page);
  $("#summary").textContent = res.total ? t("results", res.total, offset + 1, offset + res.hits.length) : t("none");
  const list = $("#hits");
  list.start = offset + 1;
  list.replaceChildren(...res.hits.map((h) => {
    const open = new URLSearchParams(s); open.set("doc", h.id);
    const meta = [h.published, h.outlet, h.url || h.path].filter(Boolean);
    if (h.cluster_size > 1) meta.push(t("similar", h.cluster_size - 1));
    return el("li", { class: "hit", "data-id": h.id },
      el("h2", {}, el("a", { href: "/?" + open.toString(), class: "doc-link", onclick: (ev) => { ev.preventDefault(); go(open); } }, h.title || h.path)),
      el("div", { class: "meta" }, meta.join(" · ")),
      el("p", { class: "snippet" }, highlighted(h.snippet, h.highlights)),
      el("div", { class: "chips" }, chipsOf(h.entities, 8)));
  }));
  const pager = $("#pager");
  pager.replaceChildren();
  const move = (o) => { const n = state(); n.set("offset", o); go(n); };
  if (offset > 0) pager.append(el("button", { type: "button", onclick: () => move(Math.max(0, offset - PAGE)) }, t("prev")), " ");
  if (offset + PAGE < Math.min(res.total, 1000)) pager.append(el("button", { type: "button", onclick: () => move(offset + PAGE) }, t("next")));
  const csv = new URLSearchParams(params); csv.set("format", "csv"); csv.set("limit", 100);
  const ents = new URLSearchParams(params); ents.set("format", "csv"); ents.set("top", 200);
  const gexf = new URLSearchParams(params); gexf.set("graph", "gexf"); gexf.set("top", 50);
  $("#exports").replaceChildren(t("export"), " ",
    el("a", { href: "/api/search?" + csv }, "CSV"), " · ",
    el("a", { href: "/api/entities?" + ents }, "entities CSV"), " · ",
    el("a", { href: "/api/entities?" + gexf }, "GEXF"));
}

async function renderFacets(s) {
  const params = searchParams(s);
  const kinds = ["province", "district", "commune", "program", "organization", "person"];
  const reports = await Promise.all(kinds.map((k) => {
    const p = new URLSearchParams(params); p.set("kind", k); p.set("top", 8);
    return api("/api/entities", p);
  }));
  const box = $("#facets");
  box.replaceChildren();
  kinds.forEach((k, i) => {
    const rows = reports[i].rows;
    if (!rows.length) return;
    box.append(el("div", { class: "facet", id: `facet-${k}` }, el("h3", {}, t(`facet_${k}`)),
      el("ul", {}, rows.map((r) => {
        const f = k === "organization" ? ["org", r.value] : k === "person" ? ["person", r.value]
          : k === "program" ? ["program", r.label.replace(/[()]/g, "")] : [k, r.code || r.value];
        return el("li", { onclick: () => addFilter(f[0], f[1]), title: r.label }, el("span", {}, r.label), el("span", { class: "n" }, r.documents));
      }))));
  });
}

async function renderTimeline(s) {
  const p = searchParams(s); p.set("by", "month");
  const tl = await api("/api/timeline", p);
  const box = $("#timeline");
  box.replaceChildren();
  if (!tl.periods.length) { box.append(el("div", { class: "muted" }, `${tl.undated} ${t("undated")}`)); return; }
  // Every month between the first and the last.
  const counts = new Map(tl.periods);
  const [y0, m0] = tl.periods[0][0].split("-").map(Number);
  const [y1, m1] = tl.periods[tl.periods.length - 1][0].split("-").map(Number);
  const months = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, m = 1) : m++) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    if (months.length > 600) break;
  }
  const max = Math.max(...months.map((m) => counts.get(m) || 0), 1);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${months.length * 10} 100`);
  svg.setAttribute("preserveAspectRatio", "none");
  months.forEach((m, i) => {
    const n = counts.get(m) || 0;
    const r = document.createElementNS(ns, "rect");
    const h = (n / max) * 96;
    r.setAttribute("x", i * 10 + 1); r.setAttribute("width", 8); r.setAttribute("y", 100 - h); r.setAttribute("height", h);
    const title = document.createElementNS(ns, "title"); title.textContent = `${m}: ${n}`;
    r.append(title);
    svg.append(r);
  });
  box.append(svg, el("div", { class: "muted" }, `${months[0]} … ${months[months.length - 1]}` + (tl.undated ? ` · ${tl.undated} ${t("undated")}` : "")));
}

async function renderCooccurrence(s) {
  const p = searchParams(s);
  p.append("kind", "commune"); p.append("kind", "program"); p.set("top", 8); p.set("graph", "json");
  const g = await api("/api/entities", p);
  const communes = g.nodes.map((n, i) => [n, i]).filter(([n]) => n.kind === "commune");
  const programs = g.nodes.map((n, i) => [n, i]).filter(([n]) => n.kind === "program");
  const box = $("#cooc");
  box.replaceChildren();
  if (!communes.length || !programs.length) { box.append(el("div", { class: "muted" }, t("nocooc"))); return; }
  const w = new Map(g.edges.map((e) => [`${Math.min(e.source, e.target)}-${Math.max(e.source, e.target)}`, e.documents]));
  box.append(el("table", { class: "cooc" },
    el("tr", {}, el("th", {}, ""), programs.map(([n]) => el("th", { title: n.label }, n.label.length > 14 ? n.label.slice(0, 13) + "…" : n.label))),
    communes.map(([c, ci]) => el("tr", {}, el("th", { title: c.label }, c.label.replace(/^(Xã|Phường|Thị trấn) /, "")),
      programs.map(([, pi]) => { const n = w.get(`${Math.min(ci, pi)}-${Math.max(ci, pi)}`) || 0; return el("td", { class: n ? "" : "z" }, n); })))));
}

async function renderDoc(s) {
  const id = s.get("doc");
  const d = await api("/api/doc/" + encodeURIComponent(id));
  const full = Array.from(d.title + "\n\n" + d.body);
  const titleLen = Array.from(d.title).length;
  // Entities as spans of the text, longest first where they overlap.
  const ents = d.entities.filter((e) => e.kind !== "date" && e.kind !== "quantity").sort((a, b) => a.start - b.start || b.end - a.end);
  const body = el("div", { class: "body" });
  let pos = titleLen + 2;
  for (const e of ents) {
    if (e.start < pos || e.end > full.length) continue;
    body.append(full.slice(pos, e.start).join(""));
    const f = entityFilter(e);
    body.append(el("span", { class: `ent ent-${e.kind}`, "data-kind": e.kind, title: `${e.kind}: ${entityLabel(e)}${e.role ? " — " + e.role : ""}`,
      onclick: f ? () => { const n = state(); n.delete("doc"); n.append(f[0], f[1]); n.delete("offset"); go(n); } : null }, full.slice(e.start, e.end).join("")));
    pos = e.end;
  }
  body.append(full.slice(pos).join(""));
  const meta = [[t("published"), d.published], [t("outlet"), d.outlet], [t("author"), d.author], [t("sources"), d.sources.join(", ")]]
    .filter(([, v]) => v).map(([k, v]) => el("div", {}, el("b", {}, k + ": "), d.url && k === t("sources") ? el("a", { href: d.url }, v) : v));
  const places = [];
  const seen = new Set();
  for (const e of d.entities) {
    if (!PLACE_FILTER[e.kind] || !e.code || seen.has(e.kind + e.code)) continue;
    seen.add(e.kind + e.code);
    const parents = [e.district, e.province].filter((x) => x && x !== e.name);
    const succ = (e.successors || []).map((x) => `${x.name} (${x.province})`).join("; ");
    places.push(el("tr", { class: "place" }, el("td", {}, el("span", { class: `ent ent-${e.kind}` }, e.name)), el("td", { class: "muted" }, t(e.kind)),
      el("td", {}, parents.join(", ")), el("td", { class: "succ" }, succ)));
  }
  const legend = el("div", { class: "legend" }, ["province", "program", "organization", "person"].map((k) =>
    el("span", { class: `ent ent-${k}` }, t(k))));
  $("#doc").replaceChildren(el("h1", {}, d.title), el("div", { class: "meta" }, meta), legend, body,
    places.length ? el("h3", {}, t("places")) : null,
    places.length ? el("table", { class: "places" }, el("tr", {}, el("th", {}, ""), el("th", {}, ""), el("th", {}, t("parents")), el("th", {}, t("successors"))), places) : null);
  document.title = d.title + " — vietdex";
}

async function render() {
  document.body.dataset.ready = "0";
  translate();
  const s = state();
  $("#q").value = s.get("q") || "";
  for (const input of document.querySelectorAll(".filters input")) input.value = "";
  const from = s.get("from"), to = s.get("to");
  if (from) $("#f-from").value = from;
  if (to) $("#f-to").value = to;
  renderActive(s);
  showError(null);
  const docView = s.has("doc");
  $("#doc-view").hidden = !docView;
  $("#results-view").hidden = docView;
  try {
    if (docView) await renderDoc(s);
    else {
      document.title = (s.get("q") ? s.get("q") + " — " : "") + "vietdex";
      await Promise.all([renderResults(s), renderFacets(s), renderTimeline(s), renderCooccurrence(s)]);
    }
    document.body.dataset.ready = "1";
  } catch (e) {
    showError(e);
    document.body.dataset.ready = "error";
  }
}

// Suggestions as the user types into a filter field.
function autocomplete(input) {
  const list = input.parentElement.querySelector(".sugg");
  let timer = null, seq = 0, sel = -1;
  const close = () => { list.replaceChildren(); sel = -1; };
  const choose = (value) => { close(); input.value = ""; addFilter(input.dataset.filter, value); };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const typed = input.value.trim();
    if (!typed) { close(); return; }
    timer = setTimeout(async () => {
      const my = ++seq;
      try {
        const p = new URLSearchParams({ q: typed, kind: input.dataset.kind, limit: 10 });
        const r = await api("/api/suggest", p);
        if (my !== seq) return;
        list.replaceChildren(...r.suggestions.map((x) => el("li", { role: "option", "data-value": x.value,
          onmousedown: (ev) => { ev.preventDefault(); choose(x.value); } },
          x.label, x.parents && x.parents.length > 1 ? el("small", {}, " — " + x.parents.join(", ")) : null,
          x.documents ? el("small", {}, ` · ${x.documents}`) : null)));
      } catch (e) { showError(e); }
    }, 120);
  });
  input.addEventListener("keydown", (ev) => {
    const items = list.querySelectorAll("li");
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!items.length) return;
      sel = (sel + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach((li, i) => li.classList.toggle("sel", i === sel));
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (sel >= 0 && items[sel]) choose(items[sel].dataset.value);
      else if (input.value.trim()) choose(input.value.trim());
    } else if (ev.key === "Escape") close();
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}

document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll(".filters input[data-kind]")) autocomplete(input);
  for (const id of ["#f-from", "#f-to"]) {
    $(id).addEventListener("change", (ev) => {
      const s = state(); const f = ev.target.dataset.filter;
      if (ev.target.value.trim()) s.set(f, ev.target.value.trim()); else s.delete(f);
      s.delete("offset"); go(s);
    });
  }
  $("#search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const s = state(); s.set("q", $("#q").value); s.delete("offset"); s.delete("doc");
    go(s);
  });
  $("#back").addEventListener("click", (ev) => { ev.preventDefault(); const s = state(); s.delete("doc"); go(s); });
  for (const a of document.querySelectorAll("[data-lang]")) a.addEventListener("click", (ev) => {
    ev.preventDefault(); const s = state(); s.set("lang", a.dataset.lang); go(s, true);
  });
  window.addEventListener("popstate", render);
  api("/api/stats").then((st) => { $("#stats").textContent = t("stats", st.documents); }).catch(() => {});
  render();
});
