Pilots at [Skyvale Airways]{ORG} vote to strike over pay

[GLASGOW]{LOC}, [June 3]{DATE} ([Northline News]{ORG}) - Pilots at [Skyvale Airways]{ORG} have voted overwhelmingly to strike in a dispute over pay, threatening disruption to flights from [Scotland]{LOC} during the summer holidays, their union said on [Tuesday]{DATE}.

Of the [812 members]{QTY} balloted, [91%]{PCT} backed industrial action on a turnout of [86 per cent]{PCT}, the [Flight Crew Union]{ORG} ([FCU]{ORG}) said.

[Skyvale]{ORG}, which flies to [43 destinations]{QTY} from [Glasgow]{LOC}, [Edinburgh]{LOC} and [Aberdeen]{LOC}, offered pilots a [4.5%]{PCT} rise [last month]{DATE}. The union is seeking [9%]{PCT}, arguing that pay has fallen by about [15 per cent]{PCT} in real terms since [2019]{DATE}.

[FCU]{ORG} general secretary [Mhairi Duncan]{PER} said: "Our members have not taken this decision lightly. They keep passengers safe, and they deserve a fair deal."

[Skyvale]{ORG} chief executive [Anton Reyes]{PER} called the ballot result "disappointing" and said the airline's offer was "fair and affordable". He said the carrier had lost [£38m]{MONEY} in [2023]{DATE} and could not afford a larger rise.

[Reyes]{PER} added that contingency plans were in place, including leasing aircraft and crew from [Lisbon]{LOC}-based [AeroLuz]{ORG}. The union must give [14 days]{DATE} notice of any strike.

Travel analyst [Priti Shah]{PER} of [Holbrook Research]{ORG} estimated that a week of strikes could cost the airline between [£6m and £9m]{MONEY}. "Summer is when these airlines make their money," she said.

Talks are due to resume at the conciliation service [Acas]{ORG} on [Friday]{DATE}.
