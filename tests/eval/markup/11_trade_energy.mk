Offshore wind: [Brackwater]{ORG} array gets green light after lengthy review

The [Department for Energy Security and Net Zero]{ORG} ([DESNZ]{ORG}) has granted development consent for a [1.5GW]{QTY} wind farm off the [Lincolnshire]{LOC} coast proposed by [Brackwater Energy]{ORG}, ending a review that began in [2023]{DATE}.

The project will use up to [100 turbines]{QTY} supplied by [Hallgren Wind]{ORG} and is expected to power around [1.3 million homes]{QTY}. Construction could start in [2027]{DATE}, with first power in [2030]{DATE}.

[Brackwater]{ORG} project director [Sian Morgan-Lloyd]{PER} said the decision was “a huge moment for the [Humber]{LOC}”, where the company plans to build its operations base. “This will mean around [400 permanent jobs]{QTY} in [Grimsby]{LOC} and [Hull]{LOC},” she said.

The consent includes conditions agreed with [Natural England]{ORG} to protect seabirds during construction, and the [Marine Management Organisation]{ORG} ([MMO]{ORG}) will monitor cable-laying.

[Brackwater]{ORG}, a joint venture between [Solvane]{ORG} and pension fund [Northcliffe Investors]{ORG}, will now bid for a contract for difference in the next allocation round, which opens in [early 2026]{DATE}. The last round cleared at [£58.87]{MONEY} per megawatt hour.

Industry body [RenewableUK]{ORG} said consent times for offshore wind had fallen to [three years]{DATE} on average, but warned that grid connections remained “the biggest bottleneck”. Analysts at [Cornwall Insight]{ORG} estimate [£40bn]{MONEY} of grid investment is needed by [2035]{DATE}.

[Morgan-Lloyd]{PER} said [Brackwater]{ORG} had already signed a grid connection agreement with [National Grid]{ORG} for [2031]{DATE}.
