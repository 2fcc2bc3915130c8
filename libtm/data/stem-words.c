/* SPDX-License-Identifier: MIT */
/* Build-time helper of gen-lexicon.py: Snowball stems of words, as
 * libtm/stem.c has them at run time (the same library, UTF-8). Reads
 * `language<TAB>word` lines on standard input, writes one stem a line
 * (an unknown language: the word itself). Not installed. */
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(void)
{
	char line[1024], lang[64] = "";
	struct sb_stemmer *sb = NULL;

	while (fgets(line, sizeof(line), stdin)) {
		char *tab = strchr(line, '\t'), *w;
		size_t n;

		if (!tab)
			return 2;
		*tab = '\0';
		w = tab + 1;
		n = strcspn(w, "\r\n");
		w[n] = '\0';
		if (strcmp(lang, line) != 0) {
			if (sb)
				sb_stemmer_delete(sb);
			size_t ll = strlen(line);

			if (ll >= sizeof(lang))
				return 2;
			memcpy(lang, line, ll + 1);
			sb = sb_stemmer_new(lang, "UTF_8");
		}
		if (sb) {
			const sb_symbol *r = sb_stemmer_stem(
			        sb, (const sb_symbol *)w, (int)n);

			if (!r)
				return 1;
			fwrite(r, 1, (size_t)sb_stemmer_length(sb), stdout);
		} else {
			fputs(w, stdout);
		}
		putchar('\n');
	}
	if (sb)
		sb_stemmer_delete(sb);
	return ferror(stdout) ? 1 : 0;
}
