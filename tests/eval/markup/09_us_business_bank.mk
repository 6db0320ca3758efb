[Carrington Bancorp]{ORG} profit jumps [14%]{PCT} as trading revenue surges

[Carrington Bancorp]{ORG} said on [Tuesday]{DATE} that third-quarter profit rose [14%]{PCT} to [$4.3 billion]{MONEY}, beating [Wall Street]{LOC} estimates as its trading desk benefited from volatile markets.

Earnings per share came in at [$2.87]{MONEY}, compared with [$2.41]{MONEY} [a year earlier]{DATE} and the [$2.62]{MONEY} analysts polled by [FactLine]{ORG} had expected.

Revenue from fixed income and equities trading climbed [22 percent]{PCT} to [$7.9 billion]{MONEY}. Investment banking fees were flat at [$1.6 billion]{MONEY}.

Chief executive [Roberta Vance]{PER} told analysts on a conference call that the bank had added [310,000 checking accounts]{QTY} in the quarter, and that loan growth in [Texas]{LOC} and [Florida]{LOC} had been "exceptional."

[Vance]{PER}, who took over from [Howard Greer]{PER} in [January 2023]{DATE}, has cut about [6,000 jobs]{QTY} as part of a [$2.5 billion]{MONEY} cost program. She said further savings would come from closing [120 branches]{QTY} by [the end of next year]{DATE}.

Shares of the [Charlotte]{LOC}-based lender rose [3.1%]{PCT} to [$148.20]{MONEY} in early trading on the [New York Stock Exchange]{ORG}.

The results follow those of rival [Halstead Financial]{ORG}, which reported a [9%]{PCT} drop in profit on [Monday]{DATE}. Analyst [Mike Dorsey]{PER} of [Brennan & Webb]{ORG} said [Carrington]{ORG}'s guidance for net interest income of [$92 billion to $94 billion]{MONEY} for the year looked conservative.

"They are sandbagging," [Dorsey]{PER} said. "I'd expect them to raise it in [January]{DATE}."
