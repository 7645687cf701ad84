#!/usr/bin/env bash
# feedcard serve against curl: content types, ETag/Last-Modified and 304s,
# HEAD, gzip, index.html and redirects, refused paths and methods, limits on
# URL and header size, symlinks, and the access log. The server listens on
# a free 127.0.0.1 port only and is stopped by the trap.
. "$(dirname "$0")/../common.sh"
. "$FEEDCARD_SRC/tests/serve/lib.sh"
at_exit serve_stop

# The example site, plus files the build does not make: a home page, a
# folder with an index, a hidden file, an unknown type and two symlinks.
out=$work/out
mkdir -p "$out/docs"
printf '<!doctype html><title>home</title>\n' > "$out/index.html"
printf '<!doctype html><title>docs</title>\n' > "$out/docs/index.html"
printf 'secret\n' > "$out/.secret"
printf '\x00\x01\x02' > "$out/data.bin"
ln -s /etc/passwd "$out/leak"
ln -s ../etc "$out/leakdir"
ln -s blog/rss.xml "$out/inside.xml"
serve_start "$work/serve" -c "$FEEDCARD_SRC/examples/feedcard.yaml" -o "$out" || exit 1
base=http://127.0.0.1:$port

# req NAME CURL-ARGS... : status on stdout; headers in NAME.h, body in NAME.b.
req() {
	local name=$1
	shift
	curl -s --max-time 10 -D "$work/$name.h" -o "$work/$name.b" -w '%{http_code}' "$@"
}
# hdr NAME HEADER : the header's value (first one), without CR.
hdr() { sed -n "s/^$2: //Ip" "$work/$1.h" | head -1 | tr -d '\r'; }
# has_hdr NAME HEADER: 0 when the response has the header, 1 when not, and
# 2 (a failure noted) when there was no response to look in.
has_hdr() {
	[ -f "$work/$1.h" ] || { fail_later "no response $1 to look for $2 in"; return 2; }
	grep -qi "^$2:" "$work/$1.h"
}

# --- 200s and Content-Type for every kind of file we write
check_type() {
	local path=$1 want=$2
	[ "$(req t "$base$path")" = 200 ] || { fail_later "GET $path status"; return; }
	[ "$(hdr t Content-Type)" = "$want" ] || fail_later "GET $path type '$(hdr t Content-Type)', want '$want'"
	[ "$(hdr t X-Content-Type-Options)" = nosniff ] || fail_later "GET $path: no nosniff"
}
check_type /blog/rss.xml "application/rss+xml; charset=utf-8"
check_type /blog/atom.xml "application/atom+xml; charset=utf-8"
check_type /blog/feed.json "application/feed+json; charset=utf-8"
check_type /blog/categories/community/rss.xml "application/rss+xml; charset=utf-8"
check_type /blog/2024/10/09/summit-recap/ogimage.jpg "image/jpeg"
check_type / "text/html; charset=utf-8"
check_type /data.bin "application/octet-stream"
check_type /inside.xml "application/xml; charset=utf-8"

[ "$(req rss "$base/blog/rss.xml")" = 200 ] || fail_later "rss status"
cmp -s "$work/rss.b" "$out/blog/rss.xml" || fail_later "rss body differs from the file"
etag=$(hdr rss ETag)
lm=$(hdr rss Last-Modified)
echo "$etag" | grep -Eq '^"[0-9a-f]{16}"$' || fail_later "ETag '$etag' is not a strong hash tag"
echo "$lm" | grep -Eq '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$' || fail_later "Last-Modified '$lm'"
[ "$(hdr rss Cache-Control)" = "public, max-age=300" ] || fail_later "feed Cache-Control '$(hdr rss Cache-Control)'"
[ "$(hdr rss Vary)" = "Accept-Encoding" ] || fail_later "feed Vary"
[ "$(hdr rss Content-Length)" = "$(stat -c %s "$out/blog/rss.xml")" ] || fail_later "Content-Length"
req card "$base/blog/2024/10/09/summit-recap/ogimage.jpg" >/dev/null
[ "$(hdr card Cache-Control)" = "public, max-age=604800" ] || fail_later "card Cache-Control '$(hdr card Cache-Control)'"
has_hdr card Vary && fail_later "a JPEG card has no gzip copy, so no Vary"
cmp -s "$work/card.b" "$out/blog/2024/10/09/summit-recap/ogimage.jpg" || fail_later "card body"

# --- conditional GET
[ "$(req c1 -H "If-None-Match: $etag" "$base/blog/rss.xml")" = 304 ] || fail_later "If-None-Match: want 304"
[ -s "$work/c1.b" ] && fail_later "a 304 has no body"
[ "$(hdr c1 ETag)" = "$etag" ] || fail_later "304 ETag"
[ "$(hdr c1 Cache-Control)" = "public, max-age=300" ] || fail_later "304 Cache-Control"
# MHD always sends one on a 304; it must be 0 (see serve_http.c), as clients
# that read a body by Content-Length would otherwise hang.
[ "$(hdr c1 Content-Length)" = 0 ] || fail_later "304 Content-Length '$(hdr c1 Content-Length)', want 0"
has_hdr c1 Content-Type && fail_later "a 304 carries no Content-Type"
[ "$(req c2 -H "If-None-Match: \"nope\", $etag" "$base/blog/rss.xml")" = 304 ] || fail_later "If-None-Match list"
[ "$(req c3 -H "If-None-Match: W/$etag" "$base/blog/rss.xml")" = 304 ] || fail_later "If-None-Match weak"
[ "$(req c4 -H "If-None-Match: *" "$base/blog/rss.xml")" = 304 ] || fail_later "If-None-Match *"
[ "$(req c5 -H 'If-None-Match: "0000000000000000"' "$base/blog/rss.xml")" = 200 ] || fail_later "other ETag: want 200"
[ "$(req c6 -H "If-Modified-Since: $lm" "$base/blog/rss.xml")" = 304 ] || fail_later "If-Modified-Since = Last-Modified: want 304"
[ "$(req c7 -H "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT" "$base/blog/rss.xml")" = 200 ] || fail_later "old If-Modified-Since: want 200"
[ "$(req c8 -H "If-Modified-Since: garbage" "$base/blog/rss.xml")" = 200 ] || fail_later "bad If-Modified-Since: want 200"
[ "$(req c9 -H 'If-None-Match: "0000000000000000"' -H "If-Modified-Since: $lm" "$base/blog/rss.xml")" = 200 ] \
	|| fail_later "If-None-Match must win over If-Modified-Since"
[ "$(req c10 -H "If-None-Match: $etag" "$base/blog/atom.xml")" = 200 ] || fail_later "another file's ETag: want 200"

# --- HEAD: the GET's status and headers, no body
[ "$(req h1 -I "$base/blog/rss.xml")" = 200 ] || fail_later "HEAD status"
[ "$(curl -s --max-time 10 -I -o /dev/null -w '%{size_download}' "$base/blog/rss.xml")" = 0 ] || fail_later "HEAD has a body"
for h in Content-Type ETag Last-Modified Cache-Control Vary Content-Length; do
	[ "$(hdr h1 $h)" = "$(hdr rss $h)" ] || fail_later "HEAD $h '$(hdr h1 $h)' differs from GET's '$(hdr rss $h)'"
done
[ "$(req h2 -I -H "If-None-Match: $etag" "$base/blog/rss.xml")" = 304 ] || fail_later "conditional HEAD"
[ "$(req h3 -I "$base/nope")" = 404 ] || fail_later "HEAD of a missing file"

# --- gzip
[ "$(req gz -H 'Accept-Encoding: gzip' "$base/blog/rss.xml")" = 200 ] || fail_later "gzip status"
[ "$(hdr gz Content-Encoding)" = gzip ] || fail_later "no Content-Encoding: gzip"
[ "$(hdr gz Vary)" = "Accept-Encoding" ] || fail_later "gzip Vary"
gzetag=$(hdr gz ETag)
[ "$gzetag" != "$etag" ] && echo "$gzetag" | grep -Eq '^"[0-9a-f]{16}-gz"$' || fail_later "gzip ETag '$gzetag'"
gunzip -c < "$work/gz.b" | cmp -s - "$out/blog/rss.xml" || fail_later "gzip body does not unzip to the file"
[ "$(hdr gz Content-Length)" -lt "$(hdr rss Content-Length)" ] || fail_later "gzip copy is not smaller"
[ "$(req gz2 -H 'Accept-Encoding: gzip' -H "If-None-Match: $gzetag" "$base/blog/rss.xml")" = 304 ] || fail_later "gzip 304"
[ "$(req gz3 -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag" "$base/blog/rss.xml")" = 200 ] \
	|| fail_later "identity ETag with gzip: want 200"
[ "$(req gz4 -H 'Accept-Encoding: gzip;q=0, br' "$base/blog/rss.xml")" = 200 ] || fail_later "gzip;q=0 status"
has_hdr gz4 Content-Encoding && fail_later "gzip;q=0 must get identity"
[ "$(req gz5 --compressed "$base/blog/feed.json")" = 200 ] && cmp -s "$work/gz5.b" "$out/blog/feed.json" \
	|| fail_later "curl --compressed feed.json"
req gz6 -H 'Accept-Encoding: gzip' "$base/blog/2024/10/09/summit-recap/ogimage.jpg" >/dev/null
has_hdr gz6 Content-Encoding && fail_later "JPEG must not be gzipped"

# --- index.html, folders, no listings, hidden files
[ "$(req i1 "$base/")" = 200 ] && grep -q home "$work/i1.b" || fail_later "/ serves index.html"
[ "$(req i2 "$base/docs/")" = 200 ] && grep -q docs "$work/i2.b" || fail_later "/docs/ serves its index.html"
[ "$(req i3 "$base/docs")" = 301 ] && [ "$(hdr i3 Location)" = /docs/ ] || fail_later "/docs redirects to /docs/"
[ "$(req i4 "$base/blog/")" = 404 ] || fail_later "a folder without index.html: no listing, 404"
[ "$(req i5 "$base/blog")" = 404 ] || fail_later "/blog: 404"
[ "$(req i6 "$base/.secret")" = 404 ] || fail_later "hidden file"
[ "$(req i7 "$base/.feedcard-cache")" = 404 ] || fail_later "the build's cache manifest"
[ "$(req i8 "$base/nope.xml")" = 404 ] || fail_later "missing file"

# --- refused paths: traversal, encodings, NUL, absolute, symlinks out
refused() {
	local want=$1 path=$2
	local got
	got=$(req r --path-as-is "$base$path")
	case " $want " in *" $got "*) ;; *) fail_later "GET $path: $got, want $want" ;; esac
	grep -q "/etc:\|root:" "$work/r.b" && fail_later "GET $path leaked a system file"
}
refused 400 "/../etc/passwd"
refused 400 "/blog/../../../etc/passwd"
refused 400 "/%2e%2e/%2e%2e/etc/passwd"
refused 400 "/%2E%2E/etc/passwd"
refused 400 "/blog/..%2f..%2f..%2fetc/passwd"
refused 400 "/.%2e/etc/passwd"
refused 400 "/blog/./rss.xml"
refused 400 "//etc/passwd"
refused 404 "/etc/passwd"
refused 400 "/blog/rss.xml%00.jpg"
refused 400 "/%00"
refused 400 "/%zz"
refused 400 "/%5c..%5cetc%5cpasswd"
refused 400 "/a%0d%0aX-Injected:%201"
refused 404 "/leak"
refused 404 "/leakdir/passwd"
[ "$(req s1 "$base/inside.xml")" = 200 ] && cmp -s "$work/s1.b" "$out/blog/rss.xml" || fail_later "symlink inside the folder"
grep -q "leak: warning: symbolic link to /etc/passwd, outside the output folder: not served" "$work/serve.err" \
	|| fail_later "the outside symlink is not reported"

# Over-long URL and headers: refused by us (400) or by MHD (414/431).
long=$(head -c 3000 /dev/zero | tr '\0' a)
refused 400 "/$long"
huge=$(head -c 40000 /dev/zero | tr '\0' a)
refused "400 414" "/$huge"
st=$(req lh -H "X-Big: $huge" "$base/blog/rss.xml")
case $st in 400 | 431) ;; *) fail_later "40 kB header: $st, want 431 or 400" ;; esac
# The server still answers after all that.
[ "$(req alive "$base/blog/rss.xml")" = 200 ] || fail_later "server died"

# --- methods
for m in POST PUT DELETE OPTIONS PATCH; do
	[ "$(req m -X $m "$base/blog/rss.xml")" = 405 ] || fail_later "$m: want 405"
	[ "$(hdr m Allow)" = "GET, HEAD" ] || fail_later "$m: Allow header"
done
[ "$(req m2 -X POST --data-binary @"$out/blog/rss.xml" "$base/blog/rss.xml")" = 405 ] || fail_later "POST with a body"

# --- access log
log=$work/serve.err
grep -Eq '^feedcard serve: 127\.0\.0\.1 "GET /blog/rss\.xml" 200 [0-9]+ [0-9.]+ms$' "$log" || fail_later "access log line for a 200"
grep -Eq '"GET /blog/rss\.xml" 304 0 ' "$log" || fail_later "access log line for a 304"
grep -Eq '"HEAD /blog/rss\.xml" 200 0 ' "$log" || fail_later "access log line for HEAD"
grep -Eq '"GET /\.\./etc/passwd" 400 0 .* refused: dot segment$' "$log" || fail_later "refused traversal not logged"
grep -Eq '"GET /%2e%2e/%2e%2e/etc/passwd" 400 .* refused: dot segment$' "$log" || fail_later "encoded traversal not logged"
grep -Eq '"GET /blog/rss\.xml%00\.jpg" 400 .* refused: NUL byte$' "$log" || fail_later "NUL not logged"
grep -Eq '"POST /blog/rss\.xml" 405 .* refused: method not allowed$' "$log" || fail_later "405 not logged"
grep -Eq '"GET /leak" 404 ' "$log" || fail_later "symlink 404 not logged"
grep -Eq '^feedcard serve: http: .*(414|431|too large|too long)' "$log" || fail_later "MHD's refusals not logged"
grep -Eq '^feedcard serve: 127\.0\.0\.1 "GET /a%0d%0aX-Injected:%201" 400' "$log" || fail_later "escaped log line"

serve_stop
[ "$server_status" = 0 ] || fail_later "SIGTERM: exit status $server_status, want 0"
grep -q "^feedcard serve: stopped" "$work/serve.out" || fail_later "no 'stopped' line"

# --- -q: no access log, and serving still works
serve_start "$work/quiet" -q -c "$FEEDCARD_SRC/examples/feedcard.yaml" -o "$out" || exit 1
[ "$(req q "http://127.0.0.1:$port/blog/rss.xml")" = 200 ] || fail_later "-q: GET"
grep -q '"GET' "$work/quiet.err" && fail_later "-q still logs requests"
serve_stop

# --- usage errors: exit 2
"$FEEDCARD_BIN" serve -l nonsense -c "$FEEDCARD_SRC/examples/feedcard.yaml" 2>/dev/null; [ $? = 2 ] || fail_later "bad --listen"
"$FEEDCARD_BIN" serve -l 127.0.0.1:99999 2>/dev/null; [ $? = 2 ] || fail_later "port out of range"
"$FEEDCARD_BIN" serve -c "$work/missing.yaml" -l 127.0.0.1:0 2>/dev/null; [ $? = 2 ] || fail_later "missing config"
"$FEEDCARD_BIN" serve --help | grep -q -- "--watch" || fail_later "serve --help"

finish "serve over HTTP: all cases pass"
