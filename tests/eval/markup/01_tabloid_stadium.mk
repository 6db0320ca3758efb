Fury as [Rovers]{ORG} stadium hit by [£12m]{MONEY} black hole

[Hartsfield Rovers]{ORG} fans were left fuming [last night]{DATE} after council chiefs admitted the club's new stadium will cost [£12m]{MONEY} more than planned.

Bosses at [Wexmoor Borough Council]{ORG} said the bill for the ground, which will hold [18,000 fans]{QTY}, had soared from [£41m]{MONEY} to [£53m]{MONEY} because of rising steel prices.

[Rovers]{ORG} chairman [Terry Blakeway]{PER}, 61, blasted the delay. "It's a total shambles," he fumed. "Our supporters have waited [nine years]{DATE} for this and now they're being told to wait again."

Council leader [Angela Pryce-Whitby]{PER} insisted the project was "still on track" and blamed the previous administration. [Pryce-Whitby]{PER} told the [Wexmoor Echo]{ORG}: "Nobody is walking away from this. The money will be found."

Striker [Dwayne Okafor]{PER}, who scored [23 goals]{QTY} [last season]{DATE}, posted a video of the muddy building site, writing: "Come on, sort it out!"

Around [40 per cent]{PCT} of season ticket holders have threatened to cancel, according to the [Rovers Supporters Trust]{ORG}. Its spokesman [Gary Lomax]{PER} said: "Mr [Blakeway]{PER} promised us a new home by [2026]{DATE}. People feel cheated and they want answers."

The club now hopes to play its first match at the ground in [August 2027]{DATE}. The council will discuss the extra funding at a meeting on [Thursday]{DATE}, and [Okafor]{PER} says he will be there with the fans.
