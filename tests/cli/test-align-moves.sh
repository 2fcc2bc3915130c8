# SPDX-License-Identifier: MIT
# Deletions, merges and moved paragraphs (issue #18, item 2), with the
# binary on small presegmented stories: a sentence the translation left
# out between two long ones is a 1-0 link, not absorbed into a neighbour,
# and so is a headline left out before a lead that repeats its words;
# two sentences the translation joined stay one 2-1 link, a headline and
# its lead joined too, and a sentence given as two lines (the first
# ending on a comma) is one link; a one-sentence paragraph moved that
# shares nothing rare with its translation (the name is in every
# paragraph, no number) is found, and the paragraphs it jumped over keep
# their own links; the same story in order has no move.
. "$(dirname "$0")/lib.sh"

# the links of a pair, confidences left out
links() { printf '%s\n' "$out" | sed 's/:[0-9.]*$//' | tr '\n' ' '; }

cat >dm.en <<'END'
The central bank kept its key rate at 7.5 percent on Friday, saying that inflation was slowing faster than it had expected in the spring.
The decision was widely expected by analysts.
Governor Elvira Petrova told reporters that the bank could start cutting the rate in the autumn if prices kept falling at the present pace.

Exports grew by 4 percent in the first half of the year.
Imports fell for the third month in a row.
The trade surplus reached 38 billion dollars, the highest since 2019.
END
cat >dm.ru <<'END'
Центральный банк в пятницу сохранил ключевую ставку на уровне 7,5 процента, заявив, что инфляция замедляется быстрее, чем он ожидал весной.
Глава банка Эльвира Петрова сказала журналистам, что банк может начать снижать ставку осенью, если цены продолжат падать нынешними темпами.

Экспорт вырос на 4 процента в первом полугодии, а импорт сократился третий месяц подряд.
Положительное сальдо торговли достигло 38 миллиардов долларов, максимума с 2019 года.
END
run tm align -s en -t ru --presegmented dm.en dm.ru
is "$rc" 0 "a story with a dropped sentence and a merge aligns"
like "$(links)" '^\[0\]:\[0\] \[1\]:\[\] \[2\]:\[1\] ' "the short sentence left out between two long ones is a 1-0 link"
like "$(links)" ' \[3,4\]:\[2\] \[5\]:\[3\] $' "two sentences joined by the translation stay one 2-1 link"

# a headline the translation left out, before a lead that repeats its
# words (so it shares them with the lead's translation): the target
# covers the lead's length, not both: a 1-0 and a 1-1
cat >hd.en <<'END'
Storm closes schools across the northern provinces
A powerful storm closed hundreds of schools across the northern provinces on Tuesday, and officials warned that more snow would fall overnight.

Trains between the two largest cities were cancelled for the whole day.
Power lines came down in dozens of villages near the coast.
END
cat >hd.ru <<'END'
Мощный шторм во вторник закрыл сотни школ в северных провинциях, а чиновники предупредили, что ночью выпадет ещё больше снега.

Поезда между двумя крупнейшими городами были отменены на весь день.
В десятках прибрежных деревень оборваны линии электропередачи.
END
run tm align -s en -t ru --presegmented hd.en hd.ru
is "$(links)" "[0]:[] [1]:[0] [2]:[1] [3]:[2] " "a dropped headline is a 1-0 link, not taken into its lead's 2-1"
# a translation that joins the headline and its lead writes both: a 2-1
cat >hd2.ru <<'END'
Шторм закрывает школы в северных провинциях: мощный шторм во вторник закрыл сотни школ в северных провинциях, а чиновники предупредили, что ночью выпадет ещё больше снега.

Поезда между двумя крупнейшими городами были отменены на весь день.
В десятках прибрежных деревень оборваны линии электропередачи.
END
run tm align -s en -t ru --presegmented hd.en hd2.ru
is "$(links)" "[0,1]:[0] [2]:[1] [3]:[2] " "a headline joined with its lead by the translation stays one 2-1 link"

# a sentence of the translation given as two lines, the first ending on a
# comma: one 1-2 link, though the first line alone is as long as the
# source sentence
printf '%s\n' 'The ministry said on Monday that the new bridge over the river would open to traffic next spring.' \
	'But the bridge that bears his name will stay closed.' 'Local residents, who have waited for years, welcomed the news.' >cm.en
printf '%s\n' 'Министерство в понедельник сообщило, что новый мост через реку откроется для движения следующей весной.' \
	'Но мост, названный в честь его строителя,' 'останется закрытым.' 'Местные жители, ждавшие этого годами, приветствовали новость.' >cm.ru
run tm align -s en -t ru --presegmented cm.en cm.ru
is "$(links)" "[0]:[0] [1]:[1,2] [2]:[3] " "a line ending on a comma goes on into the next: one 1-2 link"

cat >mv.en <<'END'
Mayor Novak visits the harbour

Mayor Novak spent the whole morning at the harbour with the fishermen.
She listened to their complaints about the new rules for a long time.
Many of them said that the rules would ruin their small family businesses.

Novak then went to the old market to open a public library.
The library was built by volunteers from the town and its villages.

Angry protesters also gathered near the market and shouted at Novak as she left.

The visit showed how deeply divided the town has become this year.
END
p1='Мэр Новак посетила гавань'
p2='Мэр Новак провела всё утро в гавани вместе с рыбаками.
Она долго слушала их жалобы на новые правила.
Многие из них сказали, что правила разорят их маленькие семейные предприятия.'
p3='Затем Новак отправилась на старый рынок, чтобы открыть публичную библиотеку.
Библиотеку построили добровольцы из города и окрестных деревень.'
p4='Рассерженные протестующие тоже собрались у рынка и кричали на Новак, когда она уходила.'
p5='Визит показал, насколько глубоко разделён город в этом году.'
printf '%s\n\n%s\n\n%s\n\n%s\n\n%s\n' "$p1" "$p2" "$p4" "$p3" "$p5" >moved.ru
printf '%s\n\n%s\n\n%s\n\n%s\n\n%s\n' "$p1" "$p2" "$p3" "$p4" "$p5" >inorder.ru

run tm align -s en -t ru --presegmented mv.en moved.ru
is "$(links)" "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[5] [5]:[6] [6]:[4] [7]:[7] " \
	"a one-sentence paragraph moved two places up is found, and the paragraph it jumped over keeps its links"
run tm align -s en -t ru --presegmented mv.en inorder.ru
is "$(links)" "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4] [5]:[5] [6]:[6] [7]:[7] " "the same story in order has no move"

done_testing
