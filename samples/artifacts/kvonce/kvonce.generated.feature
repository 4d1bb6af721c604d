# Generated from samples/specs/kvonce.spec.yml by samples/generator/generate.mjs. Do not edit:
# edit the spec or this template and run the generate project with -u.
@kvonce @generated
Feature: KvOnce — each key is written at most once
  Every scenario comes from an example of the spec; the emitted events are checked against the
  kvonce spec after each one.

  Background:
    Given a KvOnce store allowing 3 retries

  Scenario: the first write of a key succeeds
    When I put "alpha" = "1"
    Then the put result is "written"
    And "alpha" reads "1"
    And the emitted events conform to the kvonce spec

  Scenario: a second write of a key is a duplicate and keeps the first value
    Given "alpha" was put with "1"
    When I put "alpha" = "2"
    Then the put result is "duplicate"
    And "alpha" reads "1"
    And the emitted events conform to the kvonce spec

  Scenario: transient faults within the bound are retried until the write succeeds
    Given the first 3 write attempts of "beta" fail
    When I put "beta" = "x"
    Then the put result is "written"
    And the store emitted 3 retry events for "beta"
    And the emitted events conform to the kvonce spec

  Scenario: a write gives up after maxRetries retries
    Given the first 4 write attempts of "beta" fail
    When I put "beta" = "x"
    Then the put result is "failed"
    And the store emitted 3 retry events for "beta"
    And the emitted events conform to the kvonce spec
