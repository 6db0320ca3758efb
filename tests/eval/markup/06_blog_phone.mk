[Seven days]{DATE} with the [Novaphone X3]{PROD}: I'm not going back

Regular readers know I've been an [Orbis]{ORG} loyalist since the [Orbis One]{PROD} came out in [2015]{DATE}. So when [Tessaract]{ORG} sent me its new [Novaphone X3]{PROD} [last month]{DATE}, I fully expected to hate it.

Reader, I did not hate it. The battery is ridiculous: I got [two days]{DATE} out of it with heavy use, and it charges from flat in about [35 minutes]{DATE}. At [$799]{MONEY} it undercuts the [Orbis 9]{PROD} by [$200]{MONEY}, and the camera is, honestly, about [90 percent]{PCT} as good.

[Tessaract]{ORG}, the [Shenzhen]{LOC}-based firm founded by [Leo Zhang]{PER} in [2012]{DATE}, shipped [41 million phones]{QTY} [last year]{DATE}, according to analysts at [Cantor Ridge]{ORG}. That makes it the fourth-biggest brand in the world, though you'd never know it from the adverts over here.

The software is where things get messy. [TessOS]{PROD} is cluttered, and I counted [14 preinstalled apps]{QTY} I couldn't delete. My colleague [Dana Whitfield]{PER}, who reviewed the [X2]{PROD} [two years ago]{DATE}, warned me about the notifications, and she was right: they never stop.

Still, after a week I had stopped reaching for my old phone. The screen is bright, the speakers are loud, and the thing feels expensive in the hand.

Will I switch for good? [Zhang]{PER} promised on stage in [Berlin]{LOC} that a cleaner update is coming within weeks. If [Tessaract]{ORG} delivers on that, [Orbis]{ORG} should be worried. Ask me again in [March]{DATE}.
