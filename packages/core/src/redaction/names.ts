/**
 * Common given names and surnames of the locales VoiceCraft serves (US, UK, IE, DE, FR,
 * ES, IT, NL, PT), for spotting a person named in free text without a cue such as "my
 * name is". Lowercase; matched against capitalized words only.
 *
 * Names that are also everyday words, months, places or menu items (May, Grace, Jack,
 * Georgia, Margherita, Brown, King, Baker …) are left out on purpose: in "brown rice" or
 * "appointment in May" they would cost more precision than they buy recall. A person with
 * such a name is still found after a cue ("for May Lee", "Ms King") or under a name key.
 */

const FIRST = `
aaron abigail adam adrian agnieszka ahmed aidan aisha alan albert alejandro alessandro
alessia alex alexander alexandra alexis alfie ali alice alicia alina alison alvaro amanda
amelia amir amy ana andrea andreas andrew andy angela angelo anika anita ann anna anne
annette anthony antoine antonio anton arjun arthur ashley astrid aurelie ava barbara
beatriz ben benjamin bernard beth bethany betty bianca bjorn brandon brenda brian bridget
brittany bruno bryan caitlin camila camille carla carlos carmen carol caroline carolyn
casey catherine cathy cecilia charles charlie chiara chloe chris christina christine
christopher ciara cindy claire clara claudia colin connor cristina cynthia dan daniel
daniela danielle daria darren david debbie deborah declan denise dennis derek diana diego
dimitri dominic donald donna dorothy douglas dylan edward eilidh elena eleanor elif elisa
elizabeth ella ellen ellie elsa emily emma enrique eric erik esther ethan eva evelyn fabian
fatima felix fernando fiona florian francesca francesco frank franz freya gabriel gabriela
gareth gary gavin gemma george gerald gerard gianluca gillian giorgia giovanni giulia giuseppe
gloria gordon greg gregory guillaume gustavo hamza hannah hans harriet harry heather hector
heidi helen helena henrik henry ian ibrahim ilse imogen ines ingrid irene isaac isabel
isabella isla ivan jacob jacqueline james jamie jane janet janice jason javier jean
jeffrey jennifer jenny jeremy jessica joan joanna joanne joao joe joel johan johanna
john jonas jonathan jorge jose joseph joshua juan judith julia julian julie julien justin
kai karen karin kate katherine kathleen kathryn katie katrin kayla keith kelly kenneth
kerry kevin kieran kimberly klaus kyle lara laura lauren laurent lea leah leon leonie
leonardo liam linda lisa logan lorenzo louis louise lucas lucia luca lucy luis luisa lukas
luke maarten magdalena maja manuel marc marcel marco marcus margaret maria marie 
mario marion marisa marta martha martijn martina mary mateo mathilde matteo matthew
matthias maxime megan melanie melissa mia michael michelle miguel mikael 
miriam mohamed mohammed monica monika nadia naomi natalia natalie nathan neil nicholas
nicola nicole niamh niklas nina noah noemi nora oliver olivia omar owen pablo pamela
paola patricia patrick paul paula pedro peter philip philippe pierre pietro priya rachel
rafael raquel raul rebecca riccardo ricardo richard rita robert roberto robin rodrigo
roger ronald rosa ruth ryan sabine sadie samantha samuel sandra sara sarah saskia scott
sean sebastian sergio shane sharon shirley simon simone siobhan sofia sonia sophia sophie
stefan stefanie stephanie stephen steven susan svenja sylvia tamara tanja teresa thomas
tiffany tim timothy tobias tom tomas tommy tony tyler ursula valentina valeria vanessa
vera veronica vicky vincent virginie walter wendy william xavier yasmin yusuf zachary zoe

hailey courtney dustin travis cody chad brianna jasmine jada jalen deandre darnell latoya keisha
shanice tremaine marquis poppy archie theo leo harvey reggie rory callum fraser hamish ewan kirsty
shona morag aoife cillian orla eoin caoimhe sinead roisin padraig oisin cian darragh fionn grainne
aisling clodagh eimear deirdre mairead ronan colm maximilian jurgen uwe dieter wolfgang helmut
gerhard manfred petra birgit ute heike kerstin jens sven lars torsten dirk finn mats emil lina
mila lena greta frieda ida manon elodie nicolas sebastien olivier francois thierry stephane
christophe sylvie nathalie isabelle sandrine valerie celine emilie margaux baptiste clement
quentin romain benoit gaelle solene yann pilar inigo alberto francisco nuria montserrat rocio
consuelo dolores ignacio gonzalo alba noelia ainhoa aitor unai xabier davide giorgio federico
stefano paolo silvia federica ilaria beatrice camilla ginevra tommaso gabriele emanuele nicolo
filippo edoardo daan sanne bram fleur sem lotte thijs joost anouk jeroen sander ruben stijn koen
jesse niels wouter pieter femke marloes tess noor lieke yara fenna jasper luuk gijs tygo jurre
`;

const SURNAMES = `
adams ahmed alexander allen alvarez anderson andersson bailey bakker barnes bauer becker
bennett bernard bertrand bianchi blanc bonnet brooks bruno bryant butler campbell carter
castillo castro chavez chen clark colombo collins conti cooper cruz dang davies davis
de jong de vries delgado diaz dijkstra dubois dupont durand edwards esposito evans fernandez
ferrari ferreira fischer flores fontana foster francois galli garcia gauthier gomez gonzalez
gonzales greco griffin gutierrez hansen harris hernandez hoffmann howard hughes
jackson jansen janssen jenkins jimenez johnson jones kelly kennedy khan kim klein koch
kowalski krause lambert lange lee lefebvre legrand leroy lewis lombardi lopez lorenz
marchetti marino martinez martins meier meyer mitchell moreau moreno morgan moretti morris
mueller muller murphy murray myers navarro nguyen nielsen novak o'brien o'connor o'neill
oliveira ortiz parker patel perez perrin peters petersen phillips pires ramirez ramos 
reyes ricci richter rivera roberts robinson rodrigues rodriguez rogers romano romero rossi
roussel ruiz russo sanchez sanders santos schaefer schmid schmidt schmitz schneider
schulz scott shah silva singh smit smith sousa sullivan taylor thompson torres turner van dam
van den berg van dijk vargas vasquez visser wagner walker walsh wang watson weber wilson
wolff wright wu yilmaz zimmermann

schafer schaefer byrne ryan mccarthy doyle o'sullivan lynch quinn gallagher brennan farrell gallo
giordano mancini rizzo munoz alonso dominguez vazquez serrano molina morales suarez ortega rubio
marin sanz iglesias nunez medina garrido martin thomas robert richard michel roux fournier morel
girard mercier garnier faure rousseau guerin morin mathieu dumont fontaine chevalier meijer
boer mulder groot bos vos hendriks leeuwen dekker brouwer wit smits graaf meer linden kok jacobs
haan vermeulen heuvel veen broek bruijn bruin heijden schouten beek willems vliet ven hoekstra
maas verhoeven koster prins huisman peeters ruiter clarke harrison shaw russell griffiths
marshall simpson ellis graham wallace stewart macdonald reid ross hamilton henderson paterson
nelson jefferson moore williams richardson cox peterson coleman perry powell patterson simmons
hayes
`;

function wordsOf(list: string): string[] {
  return list.split(/\s+/).filter((word) => word !== "");
}

/** Given names, lowercase. */
export const FIRST_NAMES: ReadonlySet<string> = new Set(wordsOf(FIRST));

/**
 * Surnames, lowercase, one word each: the particles of "de Jong" or "van Dijk" are matched
 * by the name scanner on their own, so only the last word is listed.
 */
export const SURNAME_WORDS: ReadonlySet<string> = new Set(
  wordsOf(SURNAMES).filter((word) => !["de", "van", "den"].includes(word)),
);
