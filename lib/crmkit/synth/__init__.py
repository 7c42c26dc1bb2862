"""The course company, Jade Leaf Tea Co., generated from one fixed seed.

Jade Leaf sells tea, coffee, teaware and gift sets online to consumers and
wholesale to cafés, restaurants, offices, hotels and shops, from January 2022
to December 2025. ``generate()`` builds every table of the course from
``SEED``; ``write_all()`` writes them as CSV files into ``datasets/``. The
same seed always gives the same bytes: a test regenerates the data and
compares it with the committed files.

The generator *plants* the effects the course teaches (see the instructors'
section of ``datasets/README.md``): the data is simulated customer by
customer from hidden traits (spending rate, satisfaction, churn hazard), and
the effects follow from how those traits drive behaviour, with noise.

Run it with ``crmkit data`` or ``make data``. No chapter topic imports this
package: the names the data is written in live in ``crmkit.vocabulary``.

Where things are:

- ``parameters``: the seed, the company's size, and the shares, costs and
  multipliers per channel, method, business type, complaint category and survey component;
- ``calendar``: the day clock (``to_days``/``to_dates``) and the festival seasons;
- ``draws``: labels drawn by share, and the event frames service and communications share;
- ``names``: people's and businesses' names, e-mail addresses and phone numbers;
- ``reference``: the products and teams tables;
- ``leads``: prospecting and the sales funnel;
- ``customers``: business accounts and consumers with their hidden traits;
- ``orders``: when customers order and stop, and the order lines;
- ``complaints``: complaints, their handling and outcome;
- ``winback``: the March 2025 win-back campaign;
- ``service``: the cost to serve (deliveries, returns, visits, calls, repairs, rebates);
- ``finance``: invoices, payments and account plans;
- ``communications``: messages out and contacts in;
- ``survey``: the spring-2024 satisfaction survey;
- ``raw``: the raw customer table with its data-quality faults;
- ``simulation``: the history, then every table (``generate``);
- ``csv_files``: the CSV files and the ``crmkit data`` command.

>>> SEED
20220101
"""

from __future__ import annotations

from crmkit.synth.calendar import TOTAL_DAYS
from crmkit.synth.communications import make_communications
from crmkit.synth.csv_files import add_arguments, run, write_all
from crmkit.synth.customers import SimulatedCustomers, make_customers
from crmkit.synth.finance import make_account_plans, make_invoices_and_payments
from crmkit.synth.leads import make_leads
from crmkit.synth.names import GIVEN_NAMES, SHOP_WORDS, SURNAMES, TYPE_WORDS
from crmkit.synth.orders import make_order_lines, simulate_behaviour
from crmkit.synth.parameters import (
    CATEGORIES,
    CATEGORY_MIX,
    CHANNEL_PARAMETERS,
    COMPLAINT_PARAMETERS,
    METHOD_PARAMETERS,
    N_CONSUMERS,
    N_LEADS,
    SEED,
    SURVEY_PROFILE,
    TYPE_TRAITS,
)
from crmkit.synth.raw import make_raw_customers
from crmkit.synth.reference import make_products, make_teams
from crmkit.synth.service import make_service_events
from crmkit.synth.simulation import generate
from crmkit.synth.survey import SURVEY_DATE_RANGE, make_survey
from crmkit.synth.winback import WINBACK_DATE, run_winback
from crmkit.vocabulary import AS_OF, CHINESE_NEW_YEAR, MID_AUTUMN
from crmkit.vocabulary import COMPANY_START as START

__all__ = [
    # the entry points
    "SEED",
    "generate",
    "write_all",
    "add_arguments",
    "run",
    # the calendar (kept here for older code; the course's names are in crmkit.vocabulary)
    "START",
    "AS_OF",
    "TOTAL_DAYS",
    "CHINESE_NEW_YEAR",
    "MID_AUTUMN",
    "SURVEY_DATE_RANGE",
    "WINBACK_DATE",
    # the parameters
    "N_CONSUMERS",
    "N_LEADS",
    "CHANNEL_PARAMETERS",
    "METHOD_PARAMETERS",
    "TYPE_TRAITS",
    "COMPLAINT_PARAMETERS",
    "SURVEY_PROFILE",
    "CATEGORIES",
    "CATEGORY_MIX",
    "SURNAMES",
    "GIVEN_NAMES",
    "SHOP_WORDS",
    "TYPE_WORDS",
    # the steps of the simulation, in the order generate() runs them
    "SimulatedCustomers",
    "make_products",
    "make_teams",
    "make_leads",
    "make_customers",
    "simulate_behaviour",
    "run_winback",
    "make_order_lines",
    "make_service_events",
    "make_invoices_and_payments",
    "make_account_plans",
    "make_communications",
    "make_survey",
    "make_raw_customers",
]
