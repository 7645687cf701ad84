#!/usr/bin/env bash
# The man page feedcard(1) and the bash and zsh completions the build
# generated (beside the program) list exactly what --help lists, for every
# command --help names: the commands with their summaries, and each
# command's options with their values and help texts. The bash completion
# is run as bash runs it; the zsh one is syntax-checked and read.
. "$(dirname "$0")/../common.sh"
dir=$(dirname "$FEEDCARD_BIN")
man=$dir/feedcard.1 bash_c=$dir/feedcard.bash zsh_c=$dir/_feedcard
for f in "$man" "$bash_c" "$zsh_c"; do [ -s "$f" ] || fail "$f was not generated"; done

# From --help: "name<TAB>summary", then per command "left<TAB>help" lines,
# left being "-c, --config FILE" or "--drafts".
"$FEEDCARD_BIN" --help | sed -n '/^Commands:/,/^$/p' | sed -nE 's/^  ([a-z][a-z0-9-]*) +(.*)$/\1\t\2/p' > "$work/commands"
[ "$(wc -l < "$work/commands")" -ge 5 ] || fail "--help lists $(wc -l < "$work/commands") commands"
help_options() {
	"$FEEDCARD_BIN" "$1" --help | sed -n '/^Options:/,$p' |
		sed -nE 's/^ +((-[^ ], )?--[^ ]+( [^ ]+)?) +(.*)$/\1\t\4/p'
}

# The man page, unescaped to plain text, as the same lines.
groff -man -Tutf8 -ww -z "$man" 2> "$work/groff.err"
[ -s "$work/groff.err" ] && fail "groff warns about feedcard.1: $(cat "$work/groff.err")"
unroff() { sed -E 's/\\f[BIRP]//g; s/\\-/-/g; s/\\&//g; s/\\e/\\/g'; }
man_commands() { sed -nE 's/^\.SS "feedcard ([^ ]+) \[options\]"$/\1/p' "$man" | unroff; }
man_section() { # the lines of one command's .SS section, unescaped
	awk -v want=".SS \"feedcard $1 [options]\"" '$0 == want { on = 1; next } /^\.S[SH] / { on = 0 } on' "$man" | unroff
}
man_summary() { man_section "$1" | sed -n '1s/\.$//p'; }
man_options() { man_section "$1" | awk '/^\.TP$/ { getline tag; getline help; print tag "\t" help }'; }

cut -f1 "$work/commands" > "$work/names"
man_commands > "$work/man_names"
diff -u "$work/names" "$work/man_names" > "$work/d" || fail "feedcard.1's commands differ from --help: $(cat "$work/d")"

# bash: run the completion function as bash would for "feedcard CMD -".
complete_words() { # complete_words WORD... (the last one is completed)
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _feedcard
		printf "%s\n" "${COMPREPLY[@]}"' complete "$bash_c" "$@" | sort
}
{ cut -f1 "$work/commands"; echo --help; echo --version; } | sort > "$work/want"
complete_words feedcard "" > "$work/got"
diff -u "$work/want" "$work/got" > "$work/d" || fail "bash completes other commands: $(cat "$work/d")"

zsh -n "$zsh_c" || fail "_feedcard is not valid zsh"
zsh_section() { awk -v want="	$1)" '$0 == want { on = 1; next } on && /^\t\t\t;;$/ { on = 0 } on' "$zsh_c"; }
zsh_unescape() { sed -E -e "s/'\\\\''/'/g" -e 's/\\([]:\[])/\1/g'; }

n=0
while IFS=$'\t' read -r name summary; do
	[ "$(man_summary "$name")" = "$summary" ] || fail "feedcard.1's summary of $name: '$(man_summary "$name")', --help: '$summary'"
	grep -qxF "		'$name:$(printf '%s' "$summary" | sed "s/'/'\\\\''/g; s/:/\\\\:/g")'" "$zsh_c" ||
		fail "_feedcard has no summary '$summary' for $name"
	help_options "$name" > "$work/h.$name"
	[ -s "$work/h.$name" ] || fail "$name --help lists no options"
	man_options "$name" > "$work/m.$name"
	diff -u "$work/h.$name" "$work/m.$name" > "$work/d" || fail "feedcard.1's options of $name differ from --help: $(cat "$work/d")"

	# Every option word (-c and --config) and nothing else.
	cut -f1 "$work/h.$name" | sed -E 's/^((-[^ ], )?--[^ ]+).*/\1/; s/, /\n/' | sort > "$work/want"
	complete_words feedcard "$name" - > "$work/got"
	diff -u "$work/want" "$work/got" > "$work/d" || fail "bash completes other options for $name: $(cat "$work/d")"

	zsh_section "$name" | zsh_unescape > "$work/z.$name"
	while IFS=$'\t' read -r left help; do
		long=$(printf '%s' "$left" | grep -oE -- '--[^ ]+' | head -1)
		grep -qF -- "$long" "$work/z.$name" && grep -qF -- "[$help]" "$work/z.$name" ||
			fail "_feedcard lacks $long [$help] for $name"
		n=$((n + 1))
	done < "$work/h.$name"
done < "$work/commands"

# A value that names a file completes file names.
mkdir "$work/site" && touch "$work/site/feedcard.yaml"
(cd "$work/site" && complete_words feedcard build --config feed) > "$work/got"
[ "$(cat "$work/got")" = feedcard.yaml ] || fail "bash does not complete --config's file: $(cat "$work/got")"
echo "feedcard.1, bash and zsh completions match --help: $(wc -l < "$work/commands") commands, $n options"
