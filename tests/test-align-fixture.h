/* SPDX-License-Identifier: MIT */
/* What the aligner's tests share: links() writes a result as
 * "[0]:[0] [1,2]:[1] ...", and a six-sentence English story with its
 * Russian translation (numbers in every sentence). Include after
 * tm-test.h and <tm/tm.h>. */
#ifndef TM_TEST_ALIGN_FIXTURE_H
#define TM_TEST_ALIGN_FIXTURE_H

/* "[0]:[0] [1,2]:[1] ..." */
static const char *
links(const tm_align_result *r)
{
	static char buf[2048];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < tm_align_result_count(r); i++) {
		const tm_align_link *l = tm_align_result_link(r, i);

		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s[", i ? " " : "");
		for (size_t k = 0; k < l->nsrc; k++)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%zu",
			                      k ? "," : "", l->src + k);
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "]:[");
		for (size_t k = 0; k < l->ntgt; k++)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%zu",
			                      k ? "," : "", l->tgt + k);
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "]");
	}
	return buf;
}

static const char *const en[] = {
        "The central bank cut its key rate to 3.25 percent on Nov. 27.",
        "It was the first cut in 16 months.",
        "Governor Han said inflation had slowed to 2.1 percent.",
        "Exports rose 12 percent to $58 billion in October.",
        "Analysts expect another cut in January.",
        "The won fell 0.4 percent against the dollar.",
};

static const char *const ru[] = {
        "Центробанк снизил ключевую ставку до 3,25% 27 ноября.",
        "Это первое снижение за 16 месяцев.",
        "Управляющий Хан сказал, что инфляция замедлилась до 2,1%.",
        "Экспорт в октябре вырос на 12% до 58 млрд долларов.",
        "Аналитики ждут нового снижения в январе.",
        "Вона подешевела на 0,4% к доллару.",
};

#endif
