import logging

from voicebot.privacy import MaskingFilter, mask_digits, mask_transcript


def test_customer_numbers_are_masked_whole_or_grouped():
    assert mask_digits("Kunde 40817253 ruft an") == "Kunde ******53 ruft an"
    assert "4081" not in mask_digits("nummer 4081 7253")
    assert mask_digits("Postfach 12") == "Postfach 12"


def test_transcripts_for_logs_keep_only_a_few_words():
    masked = mask_transcript("mein internet geht seit gestern nicht")
    assert masked == "mein internet geht …(+3 words)"


def test_log_filter_masks_formatted_arguments():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "customer %s", ("40817253",), None)
    MaskingFilter().filter(record)
    assert record.getMessage() == "customer ******53"


def test_addresses_and_decimals_stay_readable():
    assert mask_digits("bind 127.0.0.1:5060") == "bind 127.0.0.1:5060"
    assert mask_digits("Kunde 4081-7253") == "Kunde ******53"


def test_card_numbers_keep_only_their_last_four_digits_in_digits_or_words():
    from voicebot.payment_secrets import mask_secrets

    assert mask_secrets("my card number is 4929 1234 5678 9012 and it") == (
        "my card number is **** 9012 and it"
    )
    said = "it's four five five six, seven seven eight eight, one two three four, nine nine oh oh,"
    said += " ok"
    assert mask_secrets(said, "en") == "it's **** 9900, ok"


def test_pins_and_security_codes_are_masked_whole():
    from voicebot.payment_secrets import mask_secrets

    assert mask_secrets("my pin is 4 3 2 1 and it won't work") == "my pin is **** and it won't work"
    assert mask_secrets("the cvv is seven four one") == "the cvv is ****"
    assert mask_secrets("meine Geheimzahl ist 1234", "de") == "meine Geheimzahl ist ****"
    assert mask_transcript("pin 4321 please") == "pin **** please"


def test_other_numbers_stay_for_the_agent():
    from voicebot.payment_secrets import mask_secrets, secret_said

    kept = ["my pin was blocked after 3 tries", "sort code 20 45 77, account 12345678",
            "meine Kundennummer ist 4 0 8 1 7 2 5 3", "I topped up 50 pounds twice"]  # fmt: skip
    assert [mask_secrets(t) for t in kept] == kept
    assert not secret_said("my phone number is 0049 170 12345678")  # long, but no card
