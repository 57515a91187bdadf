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
