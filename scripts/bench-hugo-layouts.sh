#!/usr/bin/env bash
# Helper of scripts/bench-hugo.sh: write the configuration, layouts and stylesheet of the Hugo
# site that mirrors a synthetic Hearth site into DIR (its content/ is written by
# `target/release/examples/synthetic ... --hugo DIR`). No theme: a base template with a skip
# link, main navigation, breadcrumb and footer; a template per section laid out like Hearth's
# pages (the plan as a list of every action with a JSON index, priority pages with a table of
# their actions, measure pages with chart JSON), so both tools do comparable work per page.
#   ./scripts/bench-hugo-layouts.sh DIR
set -euo pipefail
dir="${1:?usage: bench-hugo-layouts.sh DIR}"
mkdir -p "$dir/layouts/_default" "$dir/layouts/plan" "$dir/layouts/measures" \
  "$dir/layouts/priorities" "$dir/static/css"

cat >"$dir/config.toml" <<'EOF'
baseURL = "https://example.org/"
title = "Synthetic strategy"
languageCode = "en-GB"
disableKinds = ["taxonomy", "term", "RSS"]
relativeURLs = true
enableRobotsTXT = false

[params]
authority = "Benchmark Borough Council"

[markup.goldmark.renderer]
unsafe = false

[[menu.main]]
name = "Home"
pageRef = "/"
weight = 1
[[menu.main]]
name = "The strategy"
pageRef = "/strategy"
weight = 2
[[menu.main]]
name = "Priorities"
pageRef = "/priorities"
weight = 3
[[menu.main]]
name = "Delivery plan"
pageRef = "/plan"
weight = 4
[[menu.main]]
name = "Measures"
pageRef = "/measures"
weight = 5
[[menu.main]]
name = "About"
pageRef = "/pages/about"
weight = 6
EOF

cat >"$dir/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ .Site.Title }} – {{ .Site.Params.authority }}</title>
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="masthead">
<p class="masthead__authority">{{ .Site.Params.authority }}</p>
<p class="masthead__title">{{ .Site.Title }}</p>
<nav aria-label="Main"><ul>
{{- $page := . }}
{{- range .Site.Menus.main }}
<li><a href="{{ .URL }}"{{ if or ($page.IsMenuCurrent "main" .) ($page.HasMenuCurrent "main" .) }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
{{- end }}
</ul></nav>
</header>
<p class="banner">Example content. This site shows how Hearth publishes a strategy. The authority is invented; figures come from strategies published by English councils, and ratings are illustrative.</p>
{{- if not .IsHome }}
<nav aria-label="Breadcrumb" class="breadcrumb"><ol>
<li><a href="{{ "/" | relURL }}">Home</a></li>
{{- with .Parent }}{{ if not .IsHome }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}
</ol></nav>
{{- end }}
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="footer">
<h2>About this strategy</h2>
<p>{{ .Site.Title }}. Edition 1.0 (published), published 2024.</p>
<p>Content is available under the Open Government Licence v3.0.</p>
<h2>Contact</h2>
<p>Bench team</p>
<p>Email: <a href="mailto:bench@example.org">bench@example.org</a></p>
</footer>
</body>
</html>
EOF

cat >"$dir/layouts/_default/single.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lede">{{ . }}</p>{{ end }}
{{ .Content }}
{{ end }}
EOF

cat >"$dir/layouts/_default/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<table>
<thead><tr><th scope="col">Page</th><th scope="col">Summary</th></tr></thead>
<tbody>
{{- range .Pages }}
<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.summary }}</td></tr>
{{- end }}
</tbody>
</table>
{{ end }}
EOF

cat >"$dir/layouts/_default/strategy.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>Priorities</h2>
<ul>
{{- range (.Site.GetPage "/priorities").Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
<h2>More about the strategy</h2>
<table>
<thead><tr><th scope="col">Page</th><th scope="col">Summary</th></tr></thead>
<tbody>
{{- range where .Site.RegularPages "Section" "pages" }}
<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.summary }}</td></tr>
{{- end }}
</tbody>
</table>
{{ end }}
EOF

cat >"$dir/layouts/index.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ .Content }}
{{ $plan := (.Site.GetPage "/plan").Pages }}
<h2>How the plan is going</h2>
<table>
<thead><tr><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
<tbody>
{{- range $plan.GroupByParam "rag" }}
<tr><td><span class="rag rag--{{ .Key }}">{{ .Key }}</span></td><td>{{ len .Pages }}</td></tr>
{{- end }}
</tbody>
</table>
<p>{{ len $plan }} actions and {{ len (.Site.GetPage "/measures").Pages }} measures.</p>
<h2>Priorities</h2>
<ul>
{{- range (.Site.GetPage "/priorities").Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{ end }}
EOF

cat >"$dir/layouts/404.html" <<'EOF'
{{ define "main" }}
<h1>Page not found</h1>
<p>The page you asked for is not here. Start again from the <a href="{{ "/" | relURL }}">home page</a>.</p>
{{ end }}
EOF

cat >"$dir/layouts/plan/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<script type="application/json" id="f-index">[
{{- range $i, $p := .Pages }}{{ if $i }},{{ end }}{{ dict "id" $p.File.BaseFileName "rag" $p.Params.rag "w" $p.Params.workstream "o" $p.Params.owner "t" (lower (printf "%s\n%s" $p.Title $p.Params.quality)) | jsonify | safeJS }}{{ end -}}
]</script>
{{- range .Pages.GroupByParam "workstream" }}
<h2>{{ .Key }}</h2>
<ul class="actions">
{{- range .Pages }}
<li class="action" data-rag="{{ .Params.rag }}"><article>
<header><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<span class="rag rag--{{ .Params.rag }}">{{ .Params.rag }}</span></header>
<dl>
<div><dt>What good looks like</dt><dd>{{ .Params.quality | markdownify }}</dd></div>
<div><dt>How we will know</dt><dd><ul><li>More carers approved</li><li>Fewer moves</li></ul></dd></div>
<div><dt>Timescale</dt><dd>{{ .Params.timescale }}</dd></div>
<div><dt>Owner</dt><dd>{{ .Params.owner }}</dd></div>
</dl>
</article></li>
{{- end }}
</ul>
{{- end }}
{{ end }}
EOF

cat >"$dir/layouts/plan/single.html" <<'EOF'
{{ define "main" }}
<p class="kicker">Action {{ .Weight }} of {{ len .CurrentSection.Pages }} · {{ .Params.workstream }}</p>
<h1>{{ .Title }}</h1>
{{ .Content }}
<nav class="pager" aria-label="Actions">
{{- with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">Previous action <span>{{ .Title }}</span></a>{{ end }}
{{- with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">Next action <span>{{ .Title }}</span></a>{{ end -}}
</nav>
{{ end }}
EOF

cat >"$dir/layouts/measures/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<table>
<thead><tr><th scope="col">Measure</th><th scope="col">Latest</th></tr></thead>
<tbody>
{{- range .Pages }}
<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.latest }}</td></tr>
{{- end }}
</tbody>
</table>
{{ end }}
EOF

cat >"$dir/layouts/measures/single.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="headline">{{ .Params.latest }} 2023/24 · Higher is better</p>
<figure class="chart">
<script type="application/json">{{ dict "xAxis" (dict "data" (slice "2016/17" "2017/18" "2018/19" "2019/20" "2020/21" "2021/22" "2022/23" "2023/24" "2024/25")) "series" (slice (dict "name" .Site.Params.authority "data" .Params.values) (dict "name" "Target" "data" (slice 60))) | jsonify | safeJS }}</script>
</figure>
{{ .Content }}
<h2>Linked to</h2>
<ul>
{{- range where (.Site.GetPage "/priorities").Pages "Params.metric" .File.BaseFileName }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{ end }}
EOF

cat >"$dir/layouts/priorities/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="priorities">
{{- range .Pages }}
<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ .Summary }}</li>
{{- end }}
</ul>
{{ end }}
EOF

cat >"$dir/layouts/priorities/single.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>Actions</h2>
<table>
<thead><tr><th scope="col">Action</th><th scope="col">Status</th><th scope="col">Owner</th></tr></thead>
<tbody>
{{- range where (.Site.GetPage "/plan").Pages "Params.priority" .File.BaseFileName }}
<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.rag }}</td><td>{{ .Params.owner }}</td></tr>
{{- end }}
</tbody>
</table>
{{ end }}
EOF

cat >"$dir/static/css/site.css" <<'EOF'
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 0 1rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; }
nav ul, .breadcrumb ol { display: flex; gap: 1rem; list-style: none; padding: 0; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #ccc; padding: .25rem .5rem; text-align: left; }
.rag--red { color: #a00; } .rag--amber { color: #850; } .rag--green { color: #060; }
EOF
