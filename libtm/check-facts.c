/* SPDX-License-Identifier: MIT */
/* Known equivalents for the name check (docs/check.md, "Known
 * equivalents"): names whose English, Korean and Russian forms are
 * different words, so that no transliteration key can tell they agree:
 * countries and their short forms and acronyms (North Korea = DPRK = 북한
 * = 조선 = КНДР), exonyms (Germany = 독일 = Германия), bodies known by
 * an acronym in one language (United Nations = 유엔 = ООН) and a few
 * capitalised things a Russian translation capitalises too (Earth =
 * Земля). This file is their one owner: the check reads no other list of
 * them.
 *
 * Forms are separated by '|'. A form is one or more words; a Latin or
 * Cyrillic word ending in '*' is a stem (any ending: Russian cases,
 * Германии, Германию), any other is the whole word (case aside). A Korean
 * form is found anywhere in a word, since particles follow it (독일은), so
 * it must be two syllables or more. An English form written with a
 * capital matches only a capitalised word (China, not china).
 *
 * What a fact decides: a source name it covers is found when any of its
 * target forms is there (or its key agrees, as for any name), and is
 * reported at info when none is (a translation may say "the country");
 * a target word a fact covers is no stray name. */
#include "check-private.h"

/* clang-format off */
const tm__fact tm__check_facts[] = {
	/* the Koreas */
	{{"North Korea|N. Korea|DPRK|D.P.R.K.|Democratic People's Republic of Korea|North Korean|N. Korean|North Koreans",
	  "북한|조선|북측|북녘|북조선",
	  "КНДР|Северн* Коре*|Корейск* Народно-Демократическ* Республик*|северокорейск*|Пхеньян*"}},
	{{"South Korea|S. Korea|ROK|Republic of Korea|South Korean|S. Korean|South Koreans",
	  "한국|남한|대한민국|우리나라|국내|남측|한국인|한반도",
	  "Южн* Коре*|Республик* Корея|РК|южнокорейск*|Коре*"}},
	{{"Korea|Korean Peninsula",
	  "한국|한반도|대한민국|남북|국내|조선",
	  "Коре*|Корейск* полуостров*"}},
	/* countries and unions whose names differ */
	{{"United States|U.S.|US|USA|U.S.A.|America|Americans",
	  "미국|미국인|아메리카",
	  "США|Соединенн* Штат*|Соединённ* Штат*|Америк*|американ*"}},
	{{"United Kingdom|U.K.|UK|Britain|Great Britain|British|Britons",
	  "영국|브리튼",
	  "Великобритани*|Британи*|британ*|Соединенн* Королевств*|Соединённ* Королевств*|Англи*|англичан*"}},
	{{"England|English", "잉글랜드|영국", "Англи*|англичан*|английск*"}},
	{{"China|Chinese|PRC|People's Republic of China",
	  "중국|중국인|중화인민공화국",
	  "Кита*|КНР|китайск*|китайц*|Поднебесн*"}},
	{{"Japan|Japanese", "일본|일본인|재팬", "Япони*|японск*|японц*"}},
	{{"Germany|German|Germans", "독일|독일인", "Германи*|ФРГ|немецк*|германск*|немц*|немец"}},
	{{"France|French", "프랑스", "Франци*|французск*|француз*"}},
	{{"Australia|Australian|Australians", "호주|오스트레일리아", "Австрали*|австралийск*|австралийц*"}},
	{{"Taiwan|Taiwanese", "대만|타이완", "Тайван*|тайваньск*"}},
	{{"Netherlands|Holland|Dutch", "네덜란드|홀란드", "Нидерланд*|Голланди*|нидерландск*|голландск*|голландц*"}},
	{{"Switzerland|Swiss", "스위스", "Швейцари*|швейцарск*"}},
	{{"Sweden|Swedish|Swedes", "스웨덴", "Швеци*|шведск*|швед*"}},
	{{"Norway|Norwegian|Norwegians", "노르웨이", "Норвеги*|норвежск*|норвежц*"}},
	{{"Denmark|Danish|Danes", "덴마크", "Дани*|датск*|датчан*"}},
	{{"Finland|Finnish|Finns", "핀란드", "Финлянди*|финск*|финн*"}},
	{{"Poland|Polish|Poles", "폴란드", "Польш*|польск*|поляк*"}},
	{{"Hungary|Hungarian", "헝가리", "Венгри*|венгерск*|венгр*"}},
	{{"Greece|Greek|Greeks", "그리스", "Греци*|греческ*|грек*"}},
	{{"Turkey|Turkish|Türkiye|Turks", "터키|튀르키예", "Турци*|турецк*|турк*"}},
	{{"Egypt|Egyptian|Egyptians", "이집트", "Египет*|Египт*|египетск*|египтян*"}},
	{{"Spain|Spanish", "스페인", "Испани*|испанск*|испанц*"}},
	{{"Italy|Italian|Italians", "이탈리아|이태리", "Итали*|итальянск*|итальянц*"}},
	{{"India|Indian|Indians", "인도", "Инди*|индийск*|индийц*"}},
	{{"Russia|Russian|Russians|Russian Federation", "러시아", "Росси*|российск*|русск*|РФ|россиян*"}},
	{{"Ukraine|Ukrainian|Ukrainians", "우크라이나", "Украин*|украинск*|украинц*"}},
	{{"Belarus|Belarusian", "벨라루스|벨로루시", "Беларус*|Белорусси*|белорусск*|белорус*"}},
	{{"Czech Republic|Czechia|Czech", "체코", "Чехи*|чешск*|Чехи|чех*"}},
	{{"Czechoslovakia|Czechoslovak|Czechoslovaks", "체코슬로바키아", "Чехословаки*|чехословацк*"}},
	{{"Austria|Austrian", "오스트리아", "Австри*|австрийск*"}},
	{{"Belgium|Belgian", "벨기에", "Бельги*|бельгийск*"}},
	{{"Scotland|Scottish|Scots", "스코틀랜드", "Шотланди*|шотландск*|шотландц*"}},
	{{"Ireland|Irish", "아일랜드", "Ирланди*|ирландск*|ирландц*"}},
	{{"Wales|Welsh", "웨일스|웨일즈", "Уэльс*|валлийск*"}},
	{{"Mexico|Mexican|Mexicans", "멕시코", "Мексик*|мексиканск*|мексиканц*"}},
	{{"Brazil|Brazilian|Brazilians", "브라질", "Бразили*|бразильск*|бразильц*"}},
	{{"Israel|Israeli|Israelis", "이스라엘", "Израил*|израильск*|израильтян*"}},
	{{"Saudi Arabia|Saudi", "사우디아라비아|사우디", "Саудовск* Арави*|саудовск*|саудит*"}},
	{{"Syria|Syrian|Syrians", "시리아", "Сири*|сирийск*|сирийц*"}},
	{{"Iraq|Iraqi|Iraqis", "이라크", "Ирак*|иракск*|иракц*"}},
	{{"Afghanistan|Afghan|Afghans", "아프가니스탄|아프간", "Афганистан*|афганск*|афганц*"}},
	{{"Vietnam|Vietnamese", "베트남", "Вьетнам*|вьетнамск*|вьетнамц*"}},
	{{"Thailand|Thai", "태국", "Таиланд*|тайск*"}},
	{{"Hong Kong", "홍콩", "Гонконг*"}},
	{{"New Zealand", "뉴질랜드", "Нов* Зеланди*|новозеландск*"}},
	{{"South Africa|South African", "남아프리카공화국|남아공|남아프리카", "ЮАР|Южн* Африк*|южноафриканск*"}},
	{{"Soviet Union|USSR|U.S.S.R.|Soviet|Soviets", "소련|소비에트", "СССР|Советск* Союз*|советск*"}},
	{{"European Union|EU|E.U.", "유럽연합|유럽 연합|EU", "Евросоюз*|Европейск* союз*|ЕС"}},
	{{"Europe|European|Europeans", "유럽", "Европ*|европейск*|европейц*"}},
	{{"Asia|Asian|Asians", "아시아", "Ази*|азиатск*"}},
	{{"Africa|African|Africans", "아프리카", "Африк*|африканск*|африканц*"}},
	{{"Latin America|Latin American", "중남미|라틴아메리카|남미", "Латинск* Америк*|латиноамериканск*"}},
	{{"Middle East|Mideast", "중동", "Ближн* Восток*|ближневосточн*"}},
	{{"Caucasus", "캅카스|코카서스", "Кавказ*|кавказск*"}},
	/* cities known by another name; a capital standing for its
	 * government may be rendered as its country (Washington's approach:
	 * 미국의 처리 방법) */
	{{"Washington", "워싱턴|미국", "Вашингтон*|США"}},
	{{"Moscow", "모스크바|러시아", "Москв*|московск*|Росси*"}},
	{{"Beijing|Peking", "베이징|북경|중국", "Пекин*|пекинск*|Кита*"}},
	{{"Tokyo", "도쿄|일본", "Токио|Япони*"}},
	{{"Pyongyang", "평양|북한", "Пхеньян*|КНДР"}},
	{{"Seoul", "서울|한국", "Сеул*|Южн* Коре*"}},
	{{"Kyiv|Kiev", "키이우|키예프", "Киев*|Кие*|киевск*"}},
	{{"Warsaw", "바르샤바", "Варшав*|варшавск*"}},
	{{"Rome", "로마", "Рим|Рима|Риме|Риму|Римом|римск*"}},
	{{"Athens", "아테네", "Афин*|афинск*"}},
	{{"Prague", "프라하", "Праг*|пражск*"}},
	{{"Geneva", "제네바", "Женев*|женевск*"}},
	{{"Munich", "뮌헨", "Мюнхен*|мюнхенск*"}},
	{{"Vatican|Holy See", "바티칸|교황청", "Ватикан*|Святейш* Престол*"}},
	{{"Sápmi|Lapland", "라플란드|사프미", "Лапланди*|Саами*|саамск*"}},
	{{"GMT|Greenwich Mean Time", "그리니치|GMT", "Гринвич*|GMT"}},
	/* bodies known by an acronym or by translated words */
	{{"United Nations|UN|U.N.", "유엔|국제연합|UN", "ООН|Организаци* Объединенн* Наций|Организаци* Объединённ* Наций"}},
	{{"Security Council", "안전보장이사회|안보리", "Совет* Безопасности|СБ"}},
	{{"NATO|North Atlantic Treaty Organization", "나토|북대서양조약기구", "НАТО|Североатлантическ*"}},
	{{"White House", "백악관", "Бел* дом*"}},
	{{"Kremlin", "크렘린", "Кремл*|кремлевск*|кремлёвск*"}},
	{{"Pentagon", "펜타곤|국방부", "Пентагон*"}},
	{{"Metropolitan Police|Scotland Yard", "런던 경찰청|런던경찰청|스코틀랜드 야드|스코틀랜드야드",
	  "Скотланд-Ярд*|Столичн* полици*|Лондонск* полици*"}},
	{{"Red Cross", "적십자", "Красн* Крест*"}},
	/* events and kings known by translated names */
	{{"Cold War", "냉전", "холодн* войн*"}},
	{{"Louis", "루이", "Людовик*|Луи"}},
	/* capitalised things a Russian translation capitalises too */
	{{"Earth", "지구", "Земл*"}},
	{{"Moon", NULL, "Лун*"}},
	{{"Sun", "태양", "Солнц*"}},
	{{"the West", "서방|서구|서양", "Запад*"}},
	{{"Middle Ages", "중세", "Средневеков*|Средн* век*"}},
	{{"Milky Way", "은하수|우리 은하", "Млечн* Пут*"}},
	{{"Pacific|Pacific Ocean", "태평양", "Тих* океан*|Тихоокеанск*"}},
	{{"Atlantic|Atlantic Ocean", "대서양", "Атлантик*|Атлантическ*"}},
	{{"Mediterranean", "지중해", "Средиземн*"}},
	{{"Arctic", "북극", "Арктик*|арктическ*"}},
	{{"Antarctica|Antarctic", "남극", "Антарктид*|Антарктик*|антарктическ*"}},
};
/* clang-format on */

const size_t tm__check_nfacts = TM_ARRAY_SIZE(tm__check_facts);
