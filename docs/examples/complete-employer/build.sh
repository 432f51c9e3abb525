#!/bin/sh
# Build a complete employer from nothing with the command line alone (docs/cli.md):
# the employer, council rules, support plan and funders, PAs with their rates, checks and
# pension dates, a family PA's approval, the rota, budgets, a course, a certificate, cover
# from contingency, a local holiday, shifts with holiday and sickness, the ledger with
# outcome links and a split receipt, the receipt itself, the council's confirmed rate and
# its flag on equipment, the pay period exported to the payroll provider and its results
# read back in the provider's columns, the bank statement in columns no layout knows, why
# money is left over, a return's notes, and finally the whole employer as one JSON
# document. tests/ui/test_complete_employer_window.py enters the same employer through
# the window and checks that the two files hold the same records.
#
#   sh docs/examples/complete-employer/build.sh OUT_FOLDER
#
# Every command stops the script if it is refused (set -e), naming the field.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?give a folder for the new file}
pa=${PA_EMPLOYER:-pa-employer}
file="$out/jean.paemployer"
mkdir -p "$out"

$pa new "$file" --person "Jean Robertson" --acting "Alison Robertson" \
    --legal-basis continuing_attorney --council aberdeen-city \
    --pay-frequency 4-weekly --pay-anchor 2026-12-04
$pa employer set "$file" --signer-reference "OPG CPA 2024/118342" \
    --legal-employer supported_person --council-client-reference ACC-SW-204871 \
    --paye-reference 120/PA40221 --accounts-office-reference 120PB00224411 \
    --insurer "Fish Insurance" --insurance-policy PAE-551203 --insurance-expiry 2027-12-27 \
    --pension-provider NEST --pension-employer-id EMP0442917 \
    --payroll-provider "North East Payroll Bureau" --employment-allowance yes \
    --dp-account-name "J Robertson Direct Payment Account" --dp-account-last4 7731 \
    --signer-scope "Financial powers, registered 2024" --acting-covers-finances yes \
    --acting-covers-employment yes --date-of-birth 1948-05-14 \
    --insurer-helpline "0800 051 0000"
$pa insurance add "$file" --kind employers_liability --limit 10000000
$pa insurance add "$file" --kind redundancy --limit 15000 --excess 250 \
    --notes "Statutory redundancy when the package ends"
$pa council set "$file" --return-frequency quarterly --return-style full --status confirmed
$pa council flag "$file" --category equipment --flag prior_approval --status confirmed \
    --source "Aberdeen City Council's SDS guidance, 2026"
$pa rate-override add "$file" --name scottish_pa_minimum --value 13.45 --from 2026-04-01 \
    --source "Aberdeen City Council's letter of 2 April 2026" --status confirmed

$pa plan set "$file" --reference ACC-SDS-2025-0193 --plan-date 2025-10-07 \
    --review-date 2027-01-07 --agreed-weekly-minutes 2520
$pa plan outcome-add "$file" "I want to get back to the bowling club on Thursday afternoons"
$pa plan outcome-add "$file" "I want to keep living in my own flat in Rosemount"
$pa plan outcome-add "$file" "I want to see my friends at the lunch club every week"
$pa plan funder-amount "$file" --kind dp --name "Aberdeen City" \
    --amount 2394.00 --frequency 4-weekly --from 2026-04-01
$pa plan funder-amount "$file" --kind client_contribution --name "Jean's contribution" \
    --amount 40.00 --frequency 4-weekly --from 2026-04-01

$pa import pas "$file" "$here/pas.csv"
$pa pa set "$file" JR01 --date-of-birth 1979-08-14 --contract-issued-on 2025-09-20 \
    --right-to-work-checked-on 2025-09-18 --right-to-work-document "UK passport" \
    --pvg-number "1601 2345 6789 0123" --pvg-joined-on 2025-09-07 \
    --employment-status employed --family-member yes
$pa pa set "$file" JR01 --family-approved-on 2025-09-01 \
    --family-approval-reference ACC/FAM/0192 \
    --family-approval-conditions "Not to live in the same household"
$pa pa set "$file" JR02 --date-of-birth 2004-03-02 --contract-issued-on 2025-10-10 \
    --right-to-work-checked-on 2025-10-08 --pvg-number "1602 9981 2207 4415" \
    --pvg-joined-on 2025-10-01 --employment-status employed \
    --pension-postponed-until 2026-01-14
$pa pa rate "$file" JR01 --code day --amount 13.90 --from 2027-04-01
$pa pa rate "$file" JR01 --code sleepover --amount 13.45 --from 2026-04-01

$pa rota add "$file" --pa JR01 --days mon,wed,fri --start 09:00 --end 13:00 --from 2026-11-09
$pa rota add "$file" --pa JR02 --days thu --start 13:00 --end 17:00 --every-weeks 2 \
    --from 2026-11-12
$pa local-holiday add "$file" 2027-01-04 "Extra New Year holiday"
$pa budget set "$file" --kind contingency --amount 1000 --from 2026-04-01 --to 2027-03-31
$pa budget set "$file" --kind training --amount 300 --from 2026-04-01 --to 2027-03-31
$pa course add "$file" --pa JR02 --name "Moving and handling" --course-date 2026-11-18 \
    --fee 95.00 --training-minutes 420 --training-rate 13.45
$pa certificate add "$file" --pa JR02 --name "Moving and handling" \
    --achieved-on 2026-11-18 --expires-on 2029-11-18
$pa drawdown add "$file" --day 2026-11-16 --reason sickness_cover --cover-minutes 240 \
    --cover-rate 28.00 --normal-cost 53.80 --pa-covered JR02 --cover-provider "Granite City Care"

$pa import shifts "$file" "$here/shifts.csv"
$pa import ledger "$file" "$here/ledger.csv"
$pa receipt attach "$file" "$here/cafe-receipt.png" --lines 3,4 --total 6.10
$pa export timesheets "$file" --period 2026-11-09 --format csv --out "$out/timesheets.csv"
$pa import payroll "$file" "$here/payroll-results.csv" --period 2026-11-07 --provider brightpay
$pa import bank "$file" "$here/statement.csv" --map "date=Transaction date,description=Details,\
money_in=Paid in,money_out=Paid out,balance=Balance,dates=DD/MM/YYYY"
$pa explain "$file" --surplus-on 2026-11-23 --reason hospital_stay \
    --text "Two weeks in hospital in October"
$pa return-notes "$file" --from 2026-10-01 --to 2026-12-31 \
    --unmet-reason "Two weeks in hospital in October" \
    --person-view "I like having the same faces every week"
$pa pa leave "$file" JR02 --reason resignation --on 2027-01-15 --notice-given 2026-11-20 \
    --notes "Starting college in January"

$pa dump "$file" --out "$out/jean.json"
echo "Built $file and its document $out/jean.json"
