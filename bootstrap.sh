#!/usr/bin/env bash
# One command does all set-up on a fresh Debian 12 machine: install what is
# missing, build, then either run feedcard on the bundled example site
# (./bootstrap.sh example) or run the whole test suite (./bootstrap.sh test).
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-example}
case "$mode" in example|test|test-packages|install-example) ;; *) echo "usage: $0 [example|test]" >&2; exit 2 ;; esac

packages=(
	build-essential cmake pkg-config
	libyaml-dev libmd4c-dev libmd4c-html0-dev libxml2-dev libjansson-dev libtomlplusplus-dev
	libcairo2-dev libpango1.0-dev libharfbuzz-dev libfribidi-dev libfreetype-dev libfontconfig-dev
	libjpeg62-turbo-dev libwebp-dev libpng-dev librsvg2-dev
	libmicrohttpd-dev libxxhash-dev zlib1g-dev
	fonts-noto-cjk fonts-noto-core fonts-noto-color-emoji
)
# Only the tests need these: the example build must work without them.
test_packages=(libcmocka-dev libxml2-utils python3 python3-feedparser imagemagick strace curl newsboat valgrind
	clang-14 libfuzzer-14-dev libclang-rt-14-dev zsh groff-base)
# (.ci/run hides these from the example build, to prove it needs none of them.)
[ "$mode" = test-packages ] && { printf '%s\n' "${test_packages[@]}"; exit 0; }
[ "$mode" = test ] && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	echo "bootstrap: installing ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ "$mode" = install-example ] && exit 0 # (.ci/bare-example: the packages only)

# The test tree (cmocka) is configured only for the test command.
testing=OFF
[ "$mode" = test ] && testing=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFEEDCARD_WERROR=ON -DBUILD_TESTING=$testing >/dev/null
cmake --build build -j"$(nproc)"

if [ "$mode" = example ]; then
	./build/src/feedcard build -c examples/feedcard.yaml
	echo
	echo "The example site's feeds are in out/blog/ (rss.xml, atom.xml, feed.json),"
	echo "with per-category and per-tag feeds in out/blog/categories/ and out/blog/tags/."
else
	(cd build && ctest --output-on-failure -j"$(nproc)")
	# The Debian package (cpack): installed with apt-get, it builds the
	# example from its installed files alone; then it is removed again.
	tests/package/run build
	# The same suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFEEDCARD_SANITIZE=ON -DFEEDCARD_WERROR=ON >/dev/null
	cmake --build build-asan -j"$(nproc)"
	(cd build-asan && ctest --output-on-failure -j"$(nproc)")
	# clang, with ASan+UBSan too: the unit tests, and the card and install
	# tests, which load the renderer module into the clang-built program.
	CC=clang-14 CXX=clang++-14 cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Debug -DFEEDCARD_SANITIZE=ON -DFEEDCARD_WERROR=ON >/dev/null
	cmake --build build-clang -j"$(nproc)"
	(cd build-clang && ctest --output-on-failure -j"$(nproc)" -L 'unit|cards|install')
	# A short libFuzzer run of every fuzz target (clang, ASan+UBSan, 20 s each).
	tests/fuzz/run 20
fi
