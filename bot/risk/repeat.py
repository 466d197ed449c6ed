"""Repeat contact said in the text: 第三次打来, "fourth time I'm contacting you", called Monday and Wednesday.

Numbers that count something other than contacts (第三天, tried three times at checkout, third
repurchase) are not contacts: an ordinal counts only next to a contact verb.
"""

from __future__ import annotations

import re

import ahocorasick_rs

from bot.text.prefilter import Gated

_ZH_NUM = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "几": 3, "多": 3,
           "很多": 3, "好多": 3, "几多": 3, "无数": 3, "数": 3, "n": 3, "n多": 3, "好几": 3, "多少": 3, "这么多": 3, "几十": 20, "十几": 10,
           "几百": 100}
_EN_NUM = {"second": 2, "2nd": 2, "twice": 2, "two": 2, "third": 3, "3rd": 3, "three": 3, "fourth": 4, "4th": 4,
           "four": 4, "fifth": 5, "5th": 5, "five": 5, "sixth": 6, "6th": 6, "six": 6, "seven": 7, "eight": 8,
           "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "multiple": 3, "many": 3, "countless": 3,
           "numerous": 3, "so many": 3, "a dozen": 3, "dozens of": 3, "hundreds of": 3, "loads of": 3,
           "lots of": 3, "a few": 3}

# 问 is a contact (来问, 问了三次) but not inside 问题: 第二次出问题 counts a fault, not a contact; 追 only when what is
# chased is money or an answer (第五次追这笔退款, not 第三次追这部剧). Telling is one only when it is told to the
# company (同你哋讲咗四次), not what an agent said.
_ZH_CONTACT = (r"(?:打电话|打来|打过来|打嚟|来电|致电|联系|联络|来问|询问|咨询|问(?!题)|反映|反应|投诉|客诉|催促|催|"
               r"追(?=[^，,。.!?！？\n]{0,10}?(?:退款|退费|款|钱|赔偿|进度|工单|单号|你们|你哋|客服|回复))|报修|"
               r"找你们|找(?=[了过咗]?\s*(?:你们|客服|你哋))|来找|[搵揾]|私信|留言|发邮件|写信|写电邮|发电邮|寄电邮|沟通|申诉|打|来|请你们|叫你们|"
               r"(?:跟|同|和|向)(?:你们|你哋|客服)\s*(?:讲|说|提))")
# 二十 is twenty; 五六 a range (at least five)
_ZH_COUNT = (r"((?<![0-9])(?:[2-9]|[1-9][0-9])(?![0-9])|几十|十几|几百|[二三四五六七八九]十|"
             r"[两二三四五六七八九][三四五六七八九]|几多|[两二三四五六七八九十几多数]|很多|好多|无数|n多|n|好几|这么多|多少)")
# 不下十次, 不知道多少次, 打咗成十次: a qualifier between the verb and its count.
_ZH_ABOUT = r"(?:不下|不止|唔止|成|足足|差唔多|接近|不少于|唔少于|超过|多过|至少|起码|将近|差不多|不知道|不知|唔知|数不清|记不清|唔记得)?"
# Who or where is contacted, between the verb and its count: 打客服几十次, 打了10086三次电话.
_ZH_WHOM = r"(?:客服|你们|你们客服|热线|电话|人工|400|100[0-9]{2}|1000[0-9])?"
# A visit is a contact too: 三次前往营业厅, 去了三趟营业厅, 跑了好几次售后, 办个过户跑三趟, 两个营业厅5趟 (not 跑了三趟医院).
_ZH_PLACE = r"(?:营业厅|门店|店里|专卖店|售后|服务中心|服务网点|网点|柜台)"
# 第三次打电话 / 第三次来询问 (the contact verb within a few characters of the ordinal)
# 第n次 / 第无数次 / 第几十次: an ordinal past counting is many.
_ZH_ORD = r"([2-9]|[1-9][0-9]|[两二三四五六七八九十]|n|无数|几十|n多)"
_ZH_ORDINAL = re.compile(r"第\s*" + _ZH_ORD + r"\s*[次回趟遍]([^，,。.!?！？\n]{0,6}?)" + _ZH_CONTACT)
# 这是我打的第五个电话: an ordinal that counts the calls themselves.
_ZH_NTH_CALL = re.compile(r"第\s*([2-9]|[1-9][0-9]|[两二三四五六七八九十])\s*[个通位]\s*"
                          r"(?:(?:客服)?电话|工号|客服|接线员|话务员|客服人员)")
# 第二次因为同一个问题联系你们: further from the ordinal, only a word that is nothing but a contact.
_ZH_ORDINAL_FAR = re.compile(r"第\s*" + _ZH_ORD + r"\s*[次回]([^，,。.!?！？\n]{0,12}?)"
                             r"(?:联系|反映|投诉|客诉|致电|打电话|打你们电话|打你们的电话|打客服电话|打热线|来电|催|申诉|找你们|找客服|"
                             r"[搵揾]你哋|[搵揾]你们|[搵揾]客服|"
                             r"私信|留言|发邮件)")
# 我这个问题反映三次了 / 打了三次电话 / 说了多少遍
# 跟我联系了三四次 / 给我打了三次电话: the company contacting the customer is no contact of theirs.
_TO_ME = r"(?<!跟我)(?<!给我)(?<!和我)(?<!向我)(?<!跟我们)(?<!给我们)"
_ZH_TIMES = re.compile(_TO_ME + _ZH_CONTACT + r"[了过咗]?\s*" + _ZH_WHOM + r"\s*" + _ZH_ABOUT + _ZH_COUNT
                       + r"\s*[次回遍趟]")
_ZH_VISITS = re.compile(_ZH_COUNT + r"\s*[次趟回]\s*(?:前往|去|到|跑)?\s*" + _ZH_PLACE + r"|(?:去|跑|到)[了过咗]?\s*"
                        + _ZH_COUNT + r"\s*[次趟回]\s*" + _ZH_PLACE
                        + r"|跑[了过咗]?\s*" + _ZH_COUNT + r"\s*趟(?=[，,。.!?！？\s]|$)"
                        + r"|" + _ZH_PLACE + r"\s*" + _ZH_ABOUT + _ZH_COUNT + r"\s*趟")
# 这次第三次了 / 这已经是第四次了 / 今天第三次了: the ordinal alone (not 第三次坏了), in a sentence that says a contact is what
# repeats (我反映了两次了，这次第三次了).
_ZH_NTH_NOW = re.compile(r"(?:这次|这回|今次|今天|今日|现在|是|系|已经|这都|都)\s*第\s*" + _ZH_ORD + r"\s*[次回趟遍]\s*了?"
                         r"(?=[\s，,。.!?！？~…]|$)")
_ZH_CONTACT_WORD = re.compile(r"打电话|打过|打了|打咗|致电|来电|联系|反映|反应|投诉|客诉|催|申诉|找你们|找客服|[搵揾]你哋|[搵揾]客服|私信|留言|"
                              r"发邮件|营业厅|售后")
# 打了10个客服电话 / 打过很多电话反映 / 多次反映 / 无数次打电话: the count before the contact.
# (not 白天就打几个电话 / 只打了两个电话: calls made with the phone, counted as use)
_ZH_CALLS = re.compile(_TO_ME + r"(?<![就只])[打拨][了过咗]?\s*" + _ZH_ABOUT + _ZH_COUNT
                       + r"\s*[个通次]?[^，,。.!?！？\n]{0,10}?电话")
# 投诉几年都没人处理 / 反映了大半年 / 打了一个月的电话 / 热线我打了整整一个礼拜 / 天天催: contact kept up for weeks, or
# every day, is many.
# Only verbs that mean chasing the company (每天都打电话订外卖 and 快递员天天打电话 are no contacts about a problem).
_ZH_CHASE = (r"(?:投诉|客诉|反映|催促|催|申诉|报修|找你们|找客服|联系你们|联系客服|打客服电话|打你们电话|打(?:你们)?(?:客服)?热线|"
             r"打电话(?:催|投诉|反映|找你们))")
_ZH_SPAN = (r"\s*(?:快|近|将近|整整|足足)?(?:几|好几|一|两|三|四|五|六|半|大半|[1-9][0-9]?)\s*个?多?\s*"
            r"(?:月|年|星期|礼拜|周(?![年末]))")
_ZH_LONG = re.compile(_TO_ME + r"(?:" + _ZH_CHASE + r"|致电)[了过咗]?" + _ZH_SPAN
                      + r"|" + _TO_ME + r"打[了过咗]" + _ZH_SPAN + r"[^，,。.!?！？\n]{0,4}?电话"
                      + r"|(?:电话|热线)[^。.!?！？\n]{0,6}?打[了过咗]\s*" + _ZH_SPAN
                      # 打你们客服打了一个礼拜: whom, then the calls kept up
                      + r"|(?:客服|热线|你们|你哋)[^，,。.!?！？\n]{0,4}?打[了过咗]\s*" + _ZH_SPAN)
# 连续三个礼拜打电话来问: the span first, then the contact.
_ZH_LONG_FIRST = re.compile(r"(?:连续|整整|已经|足足)" + _ZH_SPAN + r"\s*(?:都|一直|每天|天天)?\s*在?\s*"
                            r"(?:打电话|打来|催|来问|联系|反映|投诉|等你们回电|等回电|等你们回复)")
# 电话打了不下二十个: the calls named first, then counted.
_ZH_CALLS_AFTER = re.compile(_TO_ME + r"电话[^，,。.!?！？\n]{0,4}?[打拨][了过咗]\s*" + _ZH_ABOUT + _ZH_COUNT
                             + r"\s*[个通次]")
_ZH_DAILY = re.compile(r"(?:天天|每天|每日|日日|隔三差五|三天两头|每个?月|每个?星期|每个?礼拜|每周)\s*(?:都)?\s*(?:在)?\s*"
                       + _ZH_CHASE
                       + r"|(?:每日|每天|日日)一问")
_ZH_COUNT_FIRST = re.compile(r"(多|屡|好几|很多|好多|无数|[2-9]|[两三四五六七八九十几])\s*次\s*(?:向[^，,。.!?！？\n]{1,15}?)?"
                             r"(?:打电话|致电|来电|联系|反映|投诉|催促|催|申诉|沟通|找)")
# 三个电话,两封邮件 / 三個電話,兩封電郵: contacts listed by number (not 三个电话号码).
_ZH_LISTED = re.compile(r"(?:^|(?<=[，,。.!?！？;；\s]))" + _ZH_COUNT
                        + r"\s*(?:[个通]\s*(?:客服)?电话(?![号卡])|封\s*(?:邮件|电邮|信))")
# 打了两遍才接通: tries to get through one call, not contacts; 打了好几次电话才抢到, 打了几个电话订外卖: buying something.
_ZH_NOT_A_CONTACT = re.compile(r"[^，,。.!?！？\n]{0,4}?(?:才(?:接通|打通|打进|通|有人接|抢到|买到|约到|订到|挂上号|挂到号)|"
                               r"订外卖|订餐|订位|订座|订房|订票|点外卖|叫外卖|点餐|都没抢到|没抢到|抢不到|抢票)")
# 再次反映 / 又来投诉 / 再一次联系: at least the second contact.
# 前两次反映都没用 / 之前两次打嚟: the contacts before this one, counted (this one is the next).
_ZH_PREVIOUS = re.compile(r"(?:前|之前的?|上|头)\s*(两|二|三|四|五|几|[2-9])\s*次[^，,。.!?！？\n]{0,4}?" + _ZH_CONTACT)
# 找了你们三个客服 / 问过两个人工 / 跟三个客服说过 / 换了三个客服: agents asked, told or handed on, counted, each a
# contact.
_ZH_AGENTS = re.compile(r"(?:找|问|打给|联系|换|跟|和|同|向)[了过咗]?\s*(?:你们|你哋)?\s*" + _ZH_COUNT
                        + r"\s*个\s*(?:客服|人工|工作人员|接线员|话务员)")
# "Still not fine" after repairs, not 都没问题 (no problem at all).
_ZH_NOT_FINE = r"(?!没问题|没事|冇问题|冇事)"
# 前后派咗四个师傅嚟都整唔好 / 来了三个师傅，暖气还是不热: repairers sent who failed, each a visit about the problem.
_ZH_FIXERS = re.compile(r"(?:派|来|嚟|上门|换)[了过咗]?\s*" + _ZH_COUNT + r"\s*(?:个|次|位|拨)\s*(?:师傅|维修工|技术员|工程师)"
                        r"(?=[^。.!?！？\n]{0,30}?(?:都|还是|也|仲)(?:系|是)?" + _ZH_NOT_FINE
                        + r"(?:修不好|没修好|整唔好|整唔掂|搞唔掂|没解决|解决不了|冇用|没用|不|没|冇|唔))"
                        # 上门修了三次还是坏的: repairs counted, the fault still there
                        r"|(?:上门|来|维)?修[了过咗]\s*" + _ZH_COUNT + r"\s*[次回趟]"
                        r"(?=[^。.!?！？\n]{0,8}?(?:还是|仍然|依然|都|也|仲)" + _ZH_NOT_FINE
                        + r"(?:坏|不|没|冇|一样|老样子|有问题|唔))")
_ZH_AGAIN = re.compile(r"(?:再次|又一次|再一次|又)\s*(?:来)?(?:打电话|致电|来电|联系|反映|投诉|催|申诉|咨询|来问)")
_EN_ORD = r"(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)"
_EN_ORDINAL = re.compile(r"\b" + _EN_ORD + r"\s+(?:time|(?:month|week|bill|statement)s?\s+(?:running|in a row))\b")
# "For the third time, my address is wrong" / "fix it, for the third time!": said as an aside opening or closing a
# sentence, the count is of the customer telling it (not "ordering for the third time, ...").
_EN_FOR_NTH = re.compile(r"(?:(?:^|[.!?;:]\s*|\bonce again,?\s+)\W*for the " + _EN_ORD
                         + r"\s+time(?:\s+now)?\s*[,:;!—–-]"
                         r"|,\s*for the " + _EN_ORD + r"\s+time(?:\s+now)?\s*(?:[.!,]|$))")
# "my last two emails", "the previous three calls": the contacts before this one, counted.
_EN_PREVIOUS = re.compile(r"\b(?:my|the|our)\s+(?:last|previous|past|earlier)\s+"
                          r"(two|three|four|five|six|several|[2-9])\s+"
                          r"(?:emails|calls|phone calls|messages|chats|letters|complaints|contacts|tickets|visits)\b")
_EN_COUNT = re.compile(r"\b(two|three|four|five|six|[2-9])\s+(?:emails|calls|messages|chats|times)\s+(?:now|already|so far)\b")
_EN_MANY = (r"(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple|many|countless|numerous|"
            r"so many|a dozen|dozens of|hundreds of|loads of|lots of|a few|[2-9]|1[0-9])")
# called 5x this week / rang you 3x
_EN_NX = re.compile(r"\b(?:called|phoned|rang|emailed|messaged|contacted|chased)\s+(?:you\s+)?([2-9])x\b")
# called three times / emailed you guys several times / raised this on four separate occasions
_EN_TIMES = re.compile(r"\b(?:called|phoned|rang|rung|been back|gone back|went back|emailed|messaged|contacted|"
                       r"chatted with|reached out to|wrote to|"
                       r"tweeted|dm'd|dmed|complained|been on the phone|spoken to|spoke to|talked to|raised this|"
                       r"raised it|"
                       r"reported this|reported it|chased this|chased it|followed up|"
                       # told you three times, explained it four times (not "told me three times")
                       r"told you|told your|told them|explained this|explained it|asked you|asked for this|"
                       r"(?:tried|been) (?:calling|ringing|phoning|emailing|messaging|contacting)|"
                       r"tried to (?:call|ring|phone|email|reach|contact))\b(?:\s+\w+){0,3}?\s+"
                       + _EN_MANY + r"\s+(?:separate\s+|different\s+)?(?:times|occasions)\b")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# Contact kept up for weeks or months, or every day or week, is many contacts: chasing this for three months, the
# sixth week I've been chasing, rung you every day, chased it weekly.
_EN_LONG = re.compile(r"\b(?:chasing|chased|calling|emailing|contacting|trying to reach|been on to you|complained|"
                      r"complaining|reporting|reported)\b"
                      r"(?:\s+\w+){0,3}?\s+for\s+(?:over\s+|nearly\s+|almost\s+|more than\s+)?"
                      r"(?:(?:two|three|four|five|six|several|a few|[2-9])\s+(?:weeks|months|years)|a year|years)\b"
                      # nine weeks of calls, three months of chasing
                      r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|[2-9])\s+(?:weeks|months)\s+of\s+"
                      r"(?:calls|phone calls|emails|chasing|complaints|complaining)\b"
                      r"|\b(?:third|fourth|fifth|sixth|seventh|eighth|3rd|4th|5th|6th|7th|8th)\s+(?:week|month)\b"
                      r"[^.!?]{0,30}?\b(?:chasing|calling|emailing|contacting|asking)\b"
                      # week four of asking for the same refund
                      r"|\b(?:week|month)\s+(?:three|four|five|six|seven|eight|[3-9])\s+of\s+"
                      r"(?:chasing|calling|emailing|contacting|asking|waiting)\b"
                      r"|\b(?:called|calling|rung|ringing|rang|phoned|phoning|emailed|emailing|messaged|chased|chasing|"
                      r"on the phone to you),?\s+"
                      r"(?:you\s+|it\s+|this\s+)?(?:guys\s+)?(?:on and off,?\s+)?"
                      r"(?:every\s+(?:single\s+)?(?:day|week|other day|morning|evening)|weekly|daily)\b"
                      # chasing this since January / complained every month since May
                      r"|\b(?:chasing|chased|calling|emailing|contacting|complaining|complained|been on to you|"
                      r"been on at you)\b(?:\s+(?:you|guys|this|it|about|up|on|the|issue|problem|matter|refund|"
                      r"complaint|case|ticket|every|month|week|day)){0,4}\s+since\s+(?:" + _MONTH + r"|"
                      r"last (?:year|month|summer|winter|spring|autumn)|christmas|easter|the summer|the spring)\b")
# spoken to four different agents
_EN_PEOPLE = re.compile(r"\b(?:spoken|spoke|talked|been passed|explained (?:this|it)|told this|passed)"
                        r"\s+(?:to|between)\s+" + _EN_MANY
                        + r"\s+(?:different\s+)?(?:agents|people|advisors|advisers|reps|representatives|staff|"
                          r"departments)\b")
# emailed twice / called you twice
_EN_TWICE = re.compile(r"\b(?:called|phoned|rang|emailed|messaged|contacted|wrote|complained|asked|told you)\b"
                       r"(?:\s+\w+){0,2}?\s+(twice)\b")
# 4 calls and 2 emails / seven calls / four visits
_EN_CONTACTS = re.compile(r"\b" + _EN_MANY + r"\s+(?:previous\s+|separate\s+|unanswered\s+|promised\s+|missed\s+)?"
                          r"(?:phone calls|calls|emails|e-mails|messages|dms|tweets|chats|"
                          r"visits|engineer visits|technician visits|callouts|call-outs|"
                          r"complaints|tickets|callbacks|call-backs|call backs)\b")
# five separate engineers / three different technicians: each one a visit (not "two engineers came and fixed it").
_EN_VISITORS = re.compile(r"\b" + _EN_MANY + r"\s+(?:separate|different)\s+"
                          r"(?:engineers|technicians|plumbers|electricians|fitters|contractors)\b"
                          # had three engineers out / sent four plumbers round
                          r"|\b(?:had|sent|been sent|come out|came out)\s+" + _EN_MANY
                          + r"\s+(?:engineers|technicians|plumbers|electricians|fitters|contractors)\s+"
                          r"(?:out|round|over|to (?:the|my|our) (?:house|home|flat|property))\b"
                          # ... and the fault is still there (not two plumbers round to quote)
                          r"(?=[^.!?\n]{0,40}?\b(?:still|but|yet|none of them|nobody|nothing)\b)"
                          # three engineers, two escalations, zero heating
                          r"|\b" + _EN_MANY + r"\s+(?:engineers|technicians|plumbers|electricians|fitters)\b"
                          r"(?=[^.!?\n]{0,60}?\b(?:still|zero|no|nothing|none|yet)\b)")
# "my 3rd email", "this is the fourth call", or the count opening a sentence or a clause ("Third week, fourth call").
_EN_NTH = re.compile(r"(?:\b(?:my|(?:this|that|it|which) (?:is|will be|'ll be|makes|marks)(?: this| it)? "
                     r"(?:now |already )?(?:my|the|our))\s+"
                     r"|^\W*|(?<=[.!?,;] )|(?<=[-—] ))"
                     + _EN_ORD + r"\s+(?:different\s+|separate\s+|new\s+|formal\s+)?"
                     r"(?:email|e-mail|letter|call|phone call|message|dm|tweet|complaint|ticket|attempt|request|chat|"
                     r"reference number|reference|case number|"
                     r"chat session|session|conversation|visit|engineer visit|technician visit|callout|call-out|"
                     r"engineer|technician|agent|advisor|adviser)\b")
# "appointment number four", "call no. 5": the count said as a number.
_EN_NUMBERED = re.compile(r"\b(?:appointment|visit|call|email|complaint|ticket|attempt|callout|call-out|chat)\s+"
                          r"(?:number|no\.?|#)\s*(two|three|four|five|six|seven|eight|nine|ten|[2-9])\b")
_EN_AGAIN = re.compile(r"\b(?:contacting|calling|emailing|messaging|writing to|tweeting|asking)\s+(?:you\s+)?"
                       r"(?:guys\s+)?again\b|\bonce again\b")
_EN_CONTACT_VERB = re.compile(
    r"\b(?:contact(?:ing|ed|in)?|call(?:ing|ed|in)?|phon(?:e|ing|ed|in)|email(?:ing|ed|in)?|writ(?:e|ing|in)|"
    r"written|wrote|messag(?:e|ing|ed|in)|chat(?:ting|ted|tin)?|ask(?:ing|ed|in)?|reach(?:ing|ed)? out|"
    r"follow(?:ing)? up|rais(?:e|ing|ed)|chas(?:e|ed|ing)|"
    r"report(?:ing|ed)?|"
    r"explain(?:ing|ed)?)\b")
_SENTENCE = re.compile(r"[。!?！？\n]|\.(?!\d)")
_CLAUSE = re.compile(r"[，,；;。!?！？\n]|\.(?!\d)")

# Telling of an earlier contact: called, emailed, visited (any subject: "called Monday, called Wednesday").
_EN_CONTACTED = (r"called|phoned|emailed|chatted|messaged|wrote in|contacted|rang|rung|reached out|written to you|"
                 r"been on the phone to you|been on the phone with you|raised this|raised it|raised the issue|"
                 r"mentioned this|mentioned it|first mentioned|was told|were told|been told|"
                 r"used the chat|used your chat|used the live chat|used live chat|tried the chat|tried live chat|"
                 r"chased|chased it|chased up|followed up|reported it|reported the|first reported|"
                 r"spoke to your|spoken to your|"
                 r"wrote to you|visited the branch|visited the store|visited your|been onto you|been on to you")
_EN_PAST_CONTACT = re.compile(r"\b(?:" + _EN_CONTACTED + r")\b")
# In a grievance (past_contacts): the customer's own contact (I called, we've emailed, I already rang, spoke to),
# not "no one has called".
_EN_I_CONTACTED = re.compile(r"\b(?:i|we|i've|we've|i have|we have|i had|we had|ive)\s+(?:already\s+|also\s+|even\s+)?"
                             r"(?:" + _EN_CONTACTED + r"|spoke to)\b"
                             # or the earlier contact referred to (as per my message on Tuesday, further to my call)
                             r"|\b(?:as per|per|further to|following|following up on|re)\s+my\s+"
                             r"(?:last\s+|previous\s+|earlier\s+)?"
                             r"(?:message|email|e-mail|call|phone call|letter|chat|complaint)\b")
_ZH_CONTACTED = (r"打过|打来过|打了电话|(?:打|问|催|反映|联系|投诉)了一次|问过|反映过|联系过|催过|找过|投诉过|咨询过|打嚟过|打咗|问咗|投诉咗|[搵揾]过|[搵揾]咗|"
                 r"报的修|报了修|报过修|报修过")
_ZH_PAST_CONTACT = re.compile(r"(?:" + _ZH_CONTACTED + r")")
# In a grievance (past_contacts), more ways of saying an earlier contact: calling customer service, feedback given,
# a visit to the shop, and what customer service told them (客服说三天到账), not how it talks (客服说话敷衍).
_ZH_EARLIER_CONTACT = re.compile(r"(?:" + _ZH_CONTACTED + r"|打了客服|打电话给|打给客服|电话反映|问了客服|反馈过|反馈后|经投诉|"
                                 r"打电话去|打电话到|打电话上去|打电话过去|打客服电话说|打客服说|打客服反映|反应过|"
                                 r"通过投诉|之前投诉|投诉后|"
                                 r"维修后|修好后|修回来|返修|"
                                 r"去了营业厅|跑去" + _ZH_PLACE + r"|找了客服|修过一次|打客服才|问客服才|"
                                 r"(?:客服|话务员|客服人员|接线员|人工|1000[0-9]|10010|10086)号?(?:说(?!话)|告诉我|跟我说|告知)|"
                                 r"联系客服都|联系客服说|联系了客服|有的客服说|有的说|"
                                 # a visit arranged before (上周五说好师傅会来)
                                 r"说好师傅|约好师傅|约好的师傅|说好会来|说好今天来|说好上门|约好上门)")
# a weekday, yesterday or today, a date (1月3号, 9号, 十五日; not 3号线 or 15号楼) or a month
_ZH_DAYS = re.compile(r"上?(?:周|星期|礼拜)[一二三四五六日天1-7]|前天|昨天|今天|前日|琴日|尋日|寻日|今日|"
                      r"(?<![0-9])(?:[0-9]{1,2}月)?[0-9]{1,2}[号日](?![楼线店房院门位码])|"
                      # months named one by one (九月、十月、十一月都打过嚟)
                      r"(?<![0-9一二三四五六七八九十个几])(?:[0-9]{1,2}|十[一二]|[一二三四五六七八九十])月(?![0-9一二三四五六七八九十份])")
_EN_DAYS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\b|"
    # 3 May, May 9th, the 17th
    r"\b[0-3]?[0-9](?:st|nd|rd|th)?\s+" + _MONTH + r"\b|\b" + _MONTH + r"\s+[0-3]?[0-9](?:st|nd|rd|th)?\b|"
    r"\bthe\s+[0-3]?[0-9](?:st|nd|rd|th)\b")
# 又来 only with what was come again for (又来问, 又来催): 这个月又来一次 is the fault coming back.
_AGAIN = re.compile(r"(?:又来(?=问|找|催|反映|投诉|咨询|电话|打|联系|了你们|你们)|又打|又问|再打|\bagain\b)")
# Contacts made to thank someone are no grievance (called three times to compliment the driver, 打了两次电话想表扬师傅),
# nor visits told with praise (第三次来你们餐厅了，每次都很满意; 每次都像回家一样; 第三次推荐朋友来).
_PRAISE = re.compile(r"\bto (?:compliment|thank|praise|say thanks|say thank you)\b|\bas good as ever\b|"
                     r"\bnever disappoints\b|\bas lovely as ever\b|\bstill the best\b|表扬|致谢|(?<![不没])满意(?!吗)|"
                     r"好吃|回购|继续支持|光顾|(?<![不没])开心|很耐心|好耐心|非常耐心|耐心解答|感谢|想谢谢|想多谢|多谢嗰|道谢|"
                     r"(?<![不没唔])(?:很|好|都|也|超|非常)?(?:喜欢|钟意)|像回家|宾至如归|像在家一样|好似[返翻]屋企|(?<![不没唔])推荐")

# Visits for a meal, a stay or a haircut are outings, not contacts about a problem (第三次来你们这里吃饭了，这次带爸妈来).
_OUTING = re.compile(r"[来嚟](?:你们|你哋)?(?:这里|这儿|这|度|店里|店|餐厅|酒店|民宿)?(?:吃饭|吃|食|住|玩|喝|饮茶|饮|剪头发|做头发|唱歌|"
                     r"看电影|逛|打卡|度假)|"
                     r"带(?:爸妈|父母|孩子|家人|朋友|老婆|老公|老人|同事)(?:一起)?来")


def _num(token: str) -> int:
    if token.isdigit():
        return int(token)
    token = token.lower()
    if len(token) == 2 and token[0] in "两二三四五六七八九":
        # 二十次 is twenty; 五六次 is at least the first of the two
        return _ZH_NUM[token[0]] * (10 if token[1] == "十" else 1)
    return _ZH_NUM.get(token) or _EN_NUM.get(token, 0)


# Every pattern above needs one of these; most messages have none and skip the rest.
_ZH_ANY = re.compile(r"[次回趟遍过又咗]|电话|来电|致电|电邮|工号|接线员|话务员|第.{1,2}[个位]客服|个\s*(?:客服|人工|工作人员)|"
                     r"[个位]\s*(?:师傅|维修工|技术员|工程师)")
_ZH_TIMES_KEY = re.compile(r"[次回遍趟]")
_ZH_LONG_KEY = re.compile(r"[月年期拜周]")
_ZH_SPAN_ANY = re.compile(r"[月年期拜天日周]")  # contact kept up for months, or every day (_ZH_LONG, _ZH_DAILY)
# The English words every English pattern above needs, found in one Aho-Corasick pass (a regular expression of these
# alternatives tries each at every position), and the numbered ordinals (3rd, 10th) found apart.
_EN_ANY = ahocorasick_rs.AhoCorasick(
    "time email call message chat phone wrote again contacted complain ticket dms tweet visit twice explain told passed "
    "since appointment attempt engineer technician plumber electrician fitter contractor spoken spoke talked chas "
    "occasion rung rang session conversation written second third fourth fifth sixth seventh eighth ninth tenth".split())
_EN_NUMBERED_ANY = re.compile(r"[0-9](?:st|nd|rd|th)\b")

# The Chinese patterns (and two shared ones) run only on a text holding a string every match of them needs (打了, 电话,
# 星期): most messages hold none, and these long alternations cost more to fail than the check does. The English ones
# already wait for _EN_ANY, and working out their strings would cost more at load than it saves.
(_ZH_TIMES, _ZH_CALLS, _ZH_CALLS_AFTER, _ZH_VISITS, _ZH_LONG, _ZH_FIXERS, _ZH_LISTED, _ZH_DAYS, _ZH_DAILY,
 _ZH_COUNT_FIRST, _ZH_PAST_CONTACT, _ZH_EARLIER_CONTACT, _PRAISE, _AGAIN) = map(Gated, (
    _ZH_TIMES, _ZH_CALLS, _ZH_CALLS_AFTER, _ZH_VISITS, _ZH_LONG, _ZH_FIXERS, _ZH_LISTED, _ZH_DAYS, _ZH_DAILY,
    _ZH_COUNT_FIRST, _ZH_PAST_CONTACT, _ZH_EARLIER_CONTACT, _PRAISE, _AGAIN))


def contact_count(folded: str) -> tuple[int, tuple[int, int] | None]:
    """The highest contact number the text states (0 when it states none) and the span that says it."""
    best, span = 0, None
    zh = _ZH_ANY.search(folded) is not None
    zh_span = _ZH_SPAN_ANY.search(folded) is not None
    en = bool(_EN_ANY.find_matches_as_indexes(folded)) or _EN_NUMBERED_ANY.search(folded) is not None
    if not (zh or zh_span or en):
        return best, span

    def consider(n: int, s: tuple[int, int]) -> None:
        nonlocal best, span
        if n > best:
            best, span = n, s

    if zh:
        # Each pattern runs only when its key is present (an ordinal 第, a count word 次回遍趟, a phone call 电话 ...):
        # most messages have none. The number after each pattern is what its count adds (前两次: this is the third).
        ordinal = "第" in folded
        counted = _ZH_TIMES_KEY.search(folded) is not None
        phone = "电话" in folded
        keyed = ((_ZH_ORDINAL, ordinal, 0), (_ZH_ORDINAL_FAR, ordinal, 0), (_ZH_NTH_CALL, ordinal, 0),
                 (_ZH_FIXERS, "师傅" in folded or "工" in folded or "修" in folded, 0), (_ZH_AGENTS, "个" in folded, 0),
                 (_ZH_PREVIOUS, counted, 1))
        for pattern, present, plus in keyed:
            for m in pattern.finditer(folded) if present else ():
                consider(_num(next(g for g in m.groups() if g)) + plus, m.span())  # the first count that matched
        patterns = ((_ZH_TIMES,) if counted else ()) + ((_ZH_CALLS, _ZH_CALLS_AFTER) if phone else ()) + (
            (_ZH_COUNT_FIRST,) if "次" in folded else ()) + ((_ZH_LISTED,) if phone or "封" in folded else ())
        for pattern in patterns:
            for m in pattern.finditer(folded):
                if not _ZH_NOT_A_CONTACT.match(folded, m.end()):
                    consider(_num(m.group(1)), m.span())
        for m in _ZH_VISITS.finditer(folded) if counted else ():
            consider(_num(m.group(1) or m.group(2) or m.group(3) or m.group(4)), m.span())
        for m in _ZH_NTH_NOW.finditer(folded) if ordinal else ():
            if _ZH_CONTACT_WORD.search(_sentence_around(folded, m.start(), m.end())):
                consider(_num(m.group(1)), m.span())
        m = _ZH_AGAIN.search(folded) if "又" in folded or "再" in folded else None
        if m:
            consider(2, m.span())
    if zh_span:
        # months, years and weeks (月, 年, 星期, 礼拜, 周) for the first two; every day (天, 日, 隔三差五), week or month
        # (每个月都在打热线) for the last
        spans = (_ZH_LONG, _ZH_LONG_FIRST) if _ZH_LONG_KEY.search(folded) else ()
        for pattern in spans + (_ZH_DAILY,):
            m = pattern.search(folded)
            if m:
                consider(3, m.span())
    if en:
        aside = (_EN_FOR_NTH,) if "for the" in folded else ()
        for pattern in (_EN_PREVIOUS, _EN_COUNT, _EN_TIMES, _EN_TWICE, _EN_PEOPLE, _EN_CONTACTS, _EN_VISITORS,
                        _EN_NTH, _EN_NUMBERED, _EN_NX) + aside:
            plus = 1 if pattern is _EN_PREVIOUS else 0  # "my last two emails": this is the third
            for m in pattern.finditer(folded):
                consider(_num(m.group(m.lastindex)) + plus, m.span())  # the one count group that matched
        m = _EN_AGAIN.search(folded)
        if m:
            consider(2, m.span())
        m = _EN_LONG.search(folded)
        if m:
            consider(3, m.span())
        for m in _EN_ORDINAL.finditer(folded):
            sentence = _sentence_around(folded, m.start(), m.end())
            if _EN_CONTACT_VERB.search(sentence):
                consider(_num(m.group(1)), m.span())
    # "called Monday, called Wednesday, chatted yesterday": one contact per day named with a contact verb.
    past = (list(_EN_PAST_CONTACT.finditer(folded)) if en else []) + (
        list(_ZH_PAST_CONTACT.finditer(folded)) if zh else [])
    if past:
        days = (len(_EN_DAYS.findall(folded)) if en else 0) + (len(_ZH_DAYS.findall(folded)) if zh else 0)
        again = 1 if _AGAIN.search(folded) else 0
        n = max(len(past) + again, days if days >= 2 else 0)
        if n >= 2:
            consider(n, (past[0].start(), past[-1].end()))
    if span and (_PRAISE.search(around := _sentence_around(folded, *span)) or _OUTING.search(around)):
        return 0, None
    return best, span


def past_contacts(folded: str, *, latin: bool = True, han: bool = True) -> tuple[int, tuple[int, int] | None]:
    """How many earlier contacts the text tells of (called them, asked customer service, went to the shop), one a
    clause, and the span from the first to the last; `latin` / `han`: which script's words to look for."""
    found = (list(_EN_I_CONTACTED.finditer(folded)) if latin else []) + (
        list(_ZH_EARLIER_CONTACT.finditer(folded)) if han else [])
    if not found:
        return 0, None
    found.sort(key=lambda m: m.start())
    # One contact told in several words (打过来问过一次) is one: count the clauses that tell one.
    clauses = {len(_CLAUSE.findall(folded, 0, m.start())) for m in found}
    return len(clauses) + (1 if _AGAIN.search(folded) else 0), (found[0].start(), found[-1].end())


def _sentence_around(text: str, start: int, end: int) -> str:
    lo = max((m.end() for m in _SENTENCE.finditer(text, 0, start)), default=0)
    hi = next((m.start() for m in _SENTENCE.finditer(text, end)), len(text))
    return text[lo:hi]
