@inventory
Feature: Inventory reservation
  An order reserves stock of a SKU; the reservation holds the stock until it is shipped or released,
  and stock is never oversold.

  Background:
    Given the warehouse stocks:
      | sku    | onHand |
      | SKU-1  | 10     |
      | SKU-2  | 1      |

  Rule: a reservation holds stock until it is shipped or released

    Scenario: reserving stock lowers what is available, not what is on hand
      When order "o-1" reserves 3 of SKU-1
      Then the reservation is accepted
      And SKU-1 has 10 on hand and 7 available

    Scenario: shipping a reservation takes the stock off the shelf
      Given order "o-1" has reserved 3 of SKU-1
      When the reservation is shipped
      Then SKU-1 has 7 on hand and 7 available

    Scenario: releasing a reservation makes its stock available again
      Given order "o-1" has reserved 3 of SKU-1
      When the reservation is released
      Then SKU-1 has 10 on hand and 10 available

  Rule: stock is never oversold

    Scenario Outline: a reservation beyond the available stock is refused
      When order "o-2" reserves <quantity> of <sku>
      Then the reservation is refused with "<reason>"
      And <sku> has <onHand> on hand and <onHand> available

      Examples:
        | sku   | quantity | reason             | onHand |
        | SKU-2 | 2        | insufficient-stock | 1      |
        | SKU-1 | 11       | insufficient-stock | 10     |
        | SKU-1 | 0        | invalid-quantity   | 10     |

    Scenario: the last unit goes to the first order
      When order "o-1" reserves 1 of SKU-2
      And order "o-2" reserves 1 of SKU-2
      Then the reservations are:
        | order | outcome            |
        | o-1   | reserved           |
        | o-2   | insufficient-stock |
