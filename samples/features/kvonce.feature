@kvonce
Feature: KvOnce writes each key at most once
  A key is written once; later writes of the key are refused as duplicates, transient faults are
  retried up to the retry limit, and every event the store emits conforms to the kvonce spec.

  Background:
    Given a KvOnce store allowing 3 retries

  Scenario: the first write of a key succeeds
    When I put "alpha" = "1"
    Then the put result is "written"
    And "alpha" reads "1"

  Scenario: a second write of the same key is a duplicate
    Given "alpha" was put with "1"
    When I put "alpha" = "2"
    Then the put result is "duplicate"
    And "alpha" reads "1"

  Scenario Outline: transient faults are retried up to the limit
    Given the first <faults> write attempts of "beta" fail
    When I put "beta" = "x"
    Then the put result is "<result>"
    And the store emitted <retries> retry events for "beta"

    Examples:
      | faults | result  | retries |
      | 0      | written | 0       |
      | 3      | written | 3       |
      | 4      | failed  | 3       |

  Scenario: the emitted events conform to the kvonce spec
    Given "alpha" was put with "1"
    And the first 2 write attempts of "gamma" fail
    When I put these keys:
      | key   | value |
      | alpha | 9     |
      | gamma | 7     |
    Then the emitted events are:
      """
      success alpha attempt=1
      failure alpha duplicate
      retry gamma attempt=1
      retry gamma attempt=2
      success gamma attempt=3
      """
    And the emitted events conform to the kvonce spec
