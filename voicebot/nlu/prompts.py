"""Default texts the dialog speaks, per language; a tenant's `prompts:` overrides any of them.

Keys follow the dialog (`voicebot/dialog/prompts.py`); placeholders in braces are filled there.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_PROMPTS: Mapping[str, Mapping[str, str]] = {
    "de": {
        "condolences": "Das tut mir sehr leid. Mein herzliches Beileid.",
        "no_callback": "Einen Rückruf kann ich leider nicht vereinbaren, aber ich kann Sie "
        "gleich mit einem Mitarbeiter verbinden.",
        "complaint_heard": "Das tut mir leid, dass Sie sich ärgern mussten.",
        "never_say_secrets": "Zu Ihrer Sicherheit: Nennen Sie Ihre PIN oder Ihre vollständige "
        "Kartennummer bitte niemandem, auch uns nicht.",
        "ask_concern": "Wie kann ich Ihnen helfen?",
        "line_ok": "Ja, ich höre Sie gut.",
        "bot_capabilities": "Ich bin der digitale Assistent. Es kann zum Beispiel um {topics} "
        "gehen, und ich verbinde Sie gern mit einem Mitarbeiter.",
        "bot_is_assistant": "Ich bin der digitale Assistent und helfe Ihnen gern weiter. Wenn "
        "Sie möchten, verbinde ich Sie auch mit einem Mitarbeiter.",
        "ask_concern_again": "Was kann ich sonst für Sie tun?",
        "ask_customer_number": "Bitte nennen Sie mir Ihre Kundennummer oder tippen Sie sie "
        "ein, gefolgt von der Rautetaste.",
        "customer_found": "Danke, {name}.",
        "customer_found_for": "Danke, ich habe das Kundenkonto von {name} gefunden.",
        "customer_not_found": "Die Kundennummer mit den Endziffern {last_digits} habe ich "
        "leider nicht gefunden. Bitte nennen Sie sie noch einmal oder tippen Sie sie ein.",
        "customer_wrong_length": "Ich habe {count} Ziffern verstanden, Ihre Kundennummer hat "
        "{digits}. Bitte nennen Sie sie noch einmal Ziffer für Ziffer oder tippen Sie sie ein.",
        "customer_not_heard": "Ich habe keine Kundennummer verstanden. Bitte nennen Sie sie "
        "Ziffer für Ziffer oder tippen Sie sie ein, gefolgt von der Rautetaste.",
        "customer_skipped": "Kein Problem, dann geht es ohne Kundennummer weiter.",
        "customer_not_verified": "Zu dieser Kundennummer kann ich Ihnen leider keine Auskunft "
        "geben. Ich gebe sie aber an meine Kollegen weiter.",
        "customer_name_mismatch": "Die Kundennummer mit den Endziffern {last_digits} passt "
        "leider nicht zu dem Namen, den Sie genannt haben. Bitte nennen Sie sie noch einmal "
        "oder tippen Sie sie ein.",
        "customer_number_more": "Und die weiteren Ziffern?",
        "customer_number_why": "Mit Ihrer Kundennummer finde ich Ihren Vertrag und kann "
        "Ihnen schneller helfen.",
        "customer_number_where": "Ihre Kundennummer steht auf jeder Rechnung und auf Ihrem "
        "Vertrag. Haben Sie sie nicht zur Hand, sagen Sie einfach: habe ich nicht.",
        "slot_skipped": "Kein Problem.",
        "wait_ok": "Gerne, ich warte.",
        "code_complete": "Ich habe {code}. Ist das die ganze Nummer, oder kommt noch etwas?",
        "slot_unknown": "unbekannt",
        "customer_unidentified": "Leider konnte ich Ihre Kundennummer nicht finden. "
        "Wir machen trotzdem weiter.",
        "confirm_intent": "Geht es um {topic}?",
        "yesno_unclear": "Bitte antworten Sie mit Ja oder Nein, oder drücken Sie die 1 für Ja "
        "und die 2 für Nein.",
        "no_match": "Entschuldigung, das habe ich nicht verstanden. Bitte sagen Sie mir in "
        "einem kurzen Satz, worum es geht.",
        "no_match_again": "Leider habe ich Sie wieder nicht verstanden. Sagen Sie zum "
        "Beispiel: {example}.",
        "menu": "Bitte wählen Sie mit Ihrer Telefontastatur. {options}.",
        "menu_option": "Für {label} drücken Sie die {key}",
        "no_input": "Ich habe Sie leider nicht gehört. {prompt}",
        "anything_else": "Kann ich sonst noch helfen?",
        "also_noted": "Gern, das nehme ich mit auf.",  # a second concern, while the first
        # still needs something (the customer number)
        "also_concern": "Sie hatten außerdem {topic} erwähnt.",  # {topic}: accusative
        "offer_agent": "Möchten Sie mit einem Mitarbeiter sprechen?",
        "not_helped": "Das tut mir leid.",
        "praise_thanks": "Vielen Dank, das freut uns sehr! Ich gebe Ihr Lob gern weiter.",
        "dislike_thanks": "Schade, dass Ihnen {product} nicht zusagt. Vielen Dank für Ihre "
        "Rückmeldung, ich gebe sie gern an unser Team weiter.",  # a dislike, no defect
        "no_refund_here": "Eine Erstattung kann ich von hier aus leider nicht veranlassen.",
        "taken_back": "Alles klar.",  # a concern taken back as it was said ("… ach, hier ist sie")
        "no_more_detail": "Genauer kann ich es Ihnen leider nicht sagen.",
        "answer_again": "Noch einmal: {answer}",
        "handoff": "Ich leite Sie jetzt an {queue_name} weiter.",  # names are accusative
        "handoff_closed": "Leider ist gerade niemand für Sie erreichbar. {hours} Ich habe Ihr "
        "Anliegen für {queue_name} notiert; wir melden uns dann bei Ihnen.",
        "handoff_closed_call_again": "Leider ist gerade niemand für Sie erreichbar. {hours} Ich "
        "habe Ihr Anliegen für {queue_name} notiert; bitte rufen Sie dann noch einmal an.",
        "handoff_closed_unknown": "Leider ist gerade niemand für Sie erreichbar. {hours} Bitte "
        "rufen Sie dann noch einmal an.",
        "other_language_closed": "Sorry, this automated service speaks German only, and nobody "
        "is available to take your call right now. {hours} Please call us again then.",
        "handoff_wait": "Sie sind an Position {position}, die Wartezeit beträgt etwa "
        "{wait_min} Minuten.",
        "handoff_wait_one": "Sie sind an Position {position}, die Wartezeit beträgt etwa "
        "eine Minute.",
        "customer_number_again": "Entschuldigung. Bitte nennen Sie mir Ihre Kundennummer noch "
        "einmal, Ziffer für Ziffer.",
        "this_is_us": "Ja, hier ist {name}.",
        "not_us": "Nein, hier ist {name}.",
        "other_language": "Sorry, this automated service speaks German only. I am putting you "
        "through to a colleague.",
        "goodbye": "Vielen Dank für Ihren Anruf. Auf Wiederhören!",
        "survey_gone": "Ich höre Sie leider nicht mehr. Vielen Dank und auf Wiederhören.",
        "survey_call_back": "Gern, dann versuchen wir es ein anderes Mal. Auf Wiederhören.",
        "survey_which_of_two": "Eher {low} oder eher {high}?",
        "survey_rating_changed": "Gut, ich habe Ihre Bewertung auf {rating} geändert.",
        "survey_answer_changed": "Gut, ich habe Ihre Antwort auf {answer} geändert.",
        "survey_new_answer": "Gern. Wie lautet Ihre neue Antwort?",
        "survey_own_view": "Mich interessiert Ihre eigene Meinung.",  # not another person's
        "survey_minor": "Vielen Dank! Die Umfrage richtet sich leider nur an Erwachsene. Auf "
        "Wiederhören.",
        "survey_anyone": "Die Fragen kann gern auch jemand anderes aus dem Haushalt "
        "beantworten, zum Beispiel Sie.",
        "survey_not_passed_on": "Weitergeben kann ich leider nichts, Ihre Antworten werden "
        "nur anonym ausgewertet. Bitte wenden Sie sich dafür direkt an Ihren Anbieter.",
        "survey_other_language": "Sorry, this is the digital assistant of {name}, calling for "
        "a short survey. The survey is in German only.",
        "survey_other_language_ask": "Would you like to take part in German?",
        "survey_other_language_bye": "Thank you and goodbye.",
        "survey_no_person": "Verbinden kann ich Sie leider nicht, ich bin der digitale "
        "Assistent des Instituts.",
        "survey_not_concerned": "Dann sind die Fragen leider nicht für Sie. Vielen Dank und "
        "auf Wiederhören.",
        "survey_data_deleted": "Ich habe Ihre Antworten gelöscht und Ihre Nummer gesperrt, Sie "
        "werden nicht wieder angerufen. Auf Wiederhören.",
        "goodbye_no_input": "Ich höre leider nichts. Bitte rufen Sie noch einmal an. "
        "Auf Wiederhören!",
        "max_length": "Wir müssen das Gespräch leider beenden. Auf Wiederhören!",
        "no_information": "Dazu habe ich leider keine Auskunft.",
        "ask_slot": "Bitte nennen Sie mir noch: {slot}.",
        "ask_slot_postcode": "Wie lautet die Postleitzahl Ihrer neuen Adresse?",
        "ask_slot_product": "Um welches Produkt geht es?",
        "ask_about_product": "Was möchten Sie über {product} wissen?",
        "product_sold": "Ja, das gehört zu unseren Produkten.",
        "health_emergency": "Bei Verdacht auf eine Vergiftung rufen Sie bitte sofort den "
        "Giftnotruf an, im Notfall die 112.",
        "health_see_doctor": "Bitte lassen Sie das sofort ärztlich abklären, im Notfall rufen Sie "
        "die 112.",
        "health_pet": "Bitte rufen Sie sofort Ihre Tierärztin oder Ihren Tierarzt an, nachts den "
        "tierärztlichen Notdienst.",
        "product_kind_not_sold": "Diese Sorte haben wir leider nicht, nur {product}.",
        "product_noted": "Gut, also {product}.",
        "ask_slot_batch": "Bitte nennen Sie die Chargennummer. Sie steht neben dem "
        "Mindesthaltbarkeitsdatum.",
        "unknown_product": "{product} ist leider keines unserer Produkte.",
        "product_we_have": "Wir haben nur {product}.",
        "no_field": "Angaben {about} habe ich für {product} leider nicht.",
        "no_company_info": "Auskünfte {about} kann ich Ihnen hier leider nicht geben.",
        "not_in_writing": "Schriftlich kann ich Ihnen das von hier aus leider nicht schicken.",
        "earlier_case": "Nachfrage zu einer früheren Meldung",
        "price_by_shops": "Die Verkaufspreise im Handel legen die Händler selbst fest.",
        "batch_where": "Die Chargennummer steht auf der Verpackung, meist direkt neben dem "
        "Mindesthaltbarkeitsdatum, oft mit einem L davor. Schauen Sie ruhig nach, ich warte.",
        "no_field_but_name": "Das Produkt heißt {product}; weitere Angaben {about} habe ich "
        "leider nicht.",
        "unknown_product_unnamed": "Das ist leider keines unserer Produkte.",
        "product_unclear": "Welches Produkt meinen Sie? Sagen Sie bitte seinen Namen, zum "
        "Beispiel {example}.",
        "product_which": "Meinen Sie {either}?",
        "closed": "Wir sind gerade nicht erreichbar. Bitte rufen Sie zu unseren "
        "Geschäftszeiten wieder an.",
        "all_lines_busy": "Zurzeit sind alle Leitungen belegt. Bitte versuchen Sie es später "
        "noch einmal.",
        "queue_unavailable": "Entschuldigung, ich kann Sie gerade leider nicht weiterverbinden. "
        "Bitte rufen Sie in ein paar Minuten noch einmal an. Auf Wiederhören!",
    },
    "en": {
        "condolences": "I am very sorry for your loss.",
        "no_callback": "I cannot arrange a call back, but I can put you through to an agent now.",
        "complaint_heard": "I am sorry to hear that.",
        "never_say_secrets": "For your security, please never tell anyone your PIN or your "
        "full card number, not even us.",
        "ask_concern": "How can I help you?",
        "line_ok": "Yes, I can hear you.",
        "bot_capabilities": "I am the digital assistant. It can be about {topics}, for example, "
        "and I can put you through to an agent.",
        "bot_is_assistant": "I am the digital assistant, happy to help. If you prefer, I can "
        "put you through to an agent.",
        "ask_concern_again": "What else can I do for you?",
        "ask_customer_number": "Please say your customer number or key it in, followed by hash.",
        "customer_found": "Thank you, {name}.",
        "customer_found_for": "Thank you, I have found the account of {name}.",
        "customer_not_found": "I could not find the customer number ending in {last_digits}. "
        "Please say it again or key it in.",
        "customer_not_verified": "I cannot give you any details for this customer number, but "
        "I will pass it on to my colleagues.",
        "customer_name_mismatch": "The customer number ending in {last_digits} does not match "
        "the name you gave. Please say it again or key it in.",
        "customer_wrong_length": "I heard {count} digits, but your customer number has "
        "{digits}. Please say it again digit by digit or key it in.",
        "customer_not_heard": "I did not catch a customer number. Please say it digit by "
        "digit or key it in, followed by hash.",
        "customer_skipped": "No problem, we will carry on without it.",
        "customer_number_more": "And the remaining digits?",
        "customer_number_why": "With your customer number I can find your contract and help "
        "you faster.",
        "customer_number_where": "Your customer number is on every bill and on your contract. "
        "If you don't have it to hand, just say: I don't have it.",
        "slot_skipped": "No problem.",
        "wait_ok": "Sure, I'll wait.",
        "code_complete": "I have {code}. Is that the whole number, or is there more?",
        "slot_unknown": "unknown",
        "customer_unidentified": "I could not find your customer number. Let's carry on anyway.",
        "confirm_intent": "Is it about {topic}?",
        "yesno_unclear": "Please answer yes or no, or press 1 for yes and 2 for no.",
        "no_match": "Sorry, I did not understand. Please tell me in a short sentence what it "
        "is about.",
        "no_match_again": "Sorry, I still did not understand. You could say for example: "
        "{example}.",
        "menu": "Please use your keypad. {options}.",
        "menu_option": "For {label} press {key}",
        "no_input": "Sorry, I did not hear you. {prompt}",
        "anything_else": "Is there anything else I can help you with?",
        "also_noted": "Sure, I've noted that too.",
        "also_concern": "You also mentioned {topic}.",
        "offer_agent": "Would you like to speak to an agent?",
        "not_helped": "I'm sorry to hear that.",
        "praise_thanks": "Thank you, that's lovely to hear! I'll pass it on.",
        "dislike_thanks": "I'm sorry {product} is not to your liking. Thank you for your "
        "feedback, I'll pass it on to our team.",
        "no_refund_here": "I cannot arrange a refund from here, I'm afraid.",
        "taken_back": "All right, no problem.",
        "no_more_detail": "I'm sorry, I can't tell you more than that.",
        "answer_again": "Once more: {answer}",
        "handoff": "I am putting you through to {queue_name}.",
        "handoff_closed": "Sorry, nobody is available to take your call right now. {hours} I "
        "have noted your request for {queue_name}, and we will get back to you then.",
        "handoff_closed_call_again": "Sorry, nobody is available to take your call right now. "
        "{hours} I have noted your request for {queue_name}; please call us again then.",
        "handoff_closed_unknown": "Sorry, nobody is available to take your call right now. "
        "{hours} Please call us again then.",
        "other_language_closed": "Entschuldigung, dieser automatische Dienst spricht nur "
        "Englisch, und gerade ist niemand für Sie erreichbar. {hours} Bitte rufen Sie dann noch "
        "einmal an.",
        "handoff_wait": "You are number {position} in the queue, the wait is about "
        "{wait_min} minutes.",
        "handoff_wait_one": "You are number {position} in the queue, the wait is about a minute.",
        "customer_number_again": "Sorry. Please tell me your customer number once more, digit "
        "by digit.",
        "this_is_us": "Yes, this is {name}.",
        "not_us": "No, this is {name}.",
        "other_language": "Entschuldigung, dieser automatische Dienst spricht nur Englisch, ich "
        "verbinde Sie mit einem Mitarbeiter. Sorry, this automated service speaks English only.",
        "goodbye": "Thank you for calling. Goodbye!",
        "survey_gone": "I cannot hear you any more. Thank you and goodbye.",
        "survey_call_back": "Of course, we will try another time. Goodbye.",
        "survey_which_of_two": "Closer to {low} or to {high}?",
        "survey_rating_changed": "All right, I have changed your rating to {rating}.",
        "survey_answer_changed": "All right, I have changed your answer to {answer}.",
        "survey_new_answer": "Of course. What is your new answer?",
        "survey_own_view": "I'd like to hear your own view.",
        "survey_minor": "Thank you! The survey is for adults only. Goodbye.",
        "survey_anyone": "Anyone in the household may answer the questions, you as well.",
        "survey_not_passed_on": "I cannot pass anything on; your answers are only counted "
        "anonymously. Please contact your provider directly about it.",
        "survey_other_language": "Entschuldigung, hier spricht der digitale Assistent von "
        "{name}, wir rufen für eine kurze Umfrage an. Die Umfrage ist nur auf Englisch.",
        "survey_other_language_ask": "Möchten Sie auf Englisch teilnehmen?",
        "survey_other_language_bye": "Vielen Dank und auf Wiederhören.",
        "survey_no_person": "I'm sorry, I cannot put you through; I am the institute's digital "
        "assistant.",
        "survey_not_concerned": "Then these questions are not for you. Thank you and goodbye.",
        "survey_data_deleted": "I have deleted your answers and blocked your number; you will "
        "not be called again. Goodbye.",
        "goodbye_no_input": "I cannot hear anything. Please call again. Goodbye!",
        "max_length": "We have to end the call now. Goodbye!",
        "no_information": "Sorry, I have no information on that.",
        "ask_slot": "Please tell me the {slot}.",
        "ask_slot_postcode": "What is the postcode of your new address?",
        "ask_slot_product": "Which product is it about?",
        "ask_about_product": "What would you like to know about {product}?",
        "product_sold": "Yes, that is one of our products.",
        "health_emergency": "If you suspect poisoning, please call the poison centre at once, "
        "or the emergency number.",
        "health_see_doctor": "Please have this checked by a doctor at once, or call the emergency "
        "number in an emergency.",
        "health_pet": "Please call your vet at once, or an emergency vet at night.",
        "product_kind_not_sold": "We do not have that kind, I'm afraid, only {product}.",
        "product_noted": "All right, {product}.",
        "ask_slot_batch": "Please tell me the batch number printed next to the best-before date.",
        "unknown_product": "{product} is not one of our products.",
        "product_we_have": "We only have {product}.",
        "no_field": "I'm afraid I have no information {about} for {product}.",
        "no_company_info": "I'm afraid I cannot give information {about} here.",
        "not_in_writing": "I'm afraid I cannot send this in writing from here.",
        "earlier_case": "follow-up on an earlier report",
        "price_by_shops": "Shops set their own selling prices.",
        "batch_where": "The batch number is printed on the pack, usually right next to the "
        "best-before date, often starting with an L. Take your time, I'll wait.",
        "no_field_but_name": "The product is called {product}; I have no further information "
        "{about}, I'm afraid.",
        "unknown_product_unnamed": "That is not one of our products.",
        "product_unclear": "Which product do you mean? Please say its name, for example {example}.",
        "product_which": "Do you mean {either}?",
        "closed": "We are closed right now. Please call again during our opening hours.",
        "all_lines_busy": "All our lines are busy right now. Please try again later.",
        "queue_unavailable": "Sorry, I cannot put you through right now. Please call again in "
        "a few minutes. Goodbye!",
    },
}

PROMPT_KEYS = frozenset(DEFAULT_PROMPTS["de"]) | frozenset(DEFAULT_PROMPTS["en"])


def prompts_for(language: str, overrides: Mapping[str, str]) -> dict[str, str]:
    """The language's defaults with the tenant's own texts on top."""
    return {**DEFAULT_PROMPTS.get(language, DEFAULT_PROMPTS["en"]), **overrides}
