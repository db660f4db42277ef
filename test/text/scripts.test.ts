import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from '../../src/input/file-system.js';
import { withDefaults } from '../../src/options.js';
import { scan } from '../../src/scan/scan.js';
import { foldText, normalizeText } from '../../src/text/normalize.js';
import { Fingerprinter } from '../../src/text/token-hashes.js';
import { tokenizeAndHash } from '../../src/text/tokenize.js';

const ARABIC = {
  story:
    'أعلنت وزارة الصحة يوم الخميس 15 مارس 2024 عن افتتاح مستشفى جديد في مدينة الإسكندرية بسعة خمسمئة سرير. ' +
    'وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم أكثر من مليون مواطن في المنطقة الشمالية. ' +
    'وأضاف أن تكلفة المشروع بلغت ثلاثة مليارات جنيه وأن العمل فيه استمر أربع سنوات.',
  copy:
    'أعلنت وزارة الصحة يوم الخميس 15 مارس 2024 عن افتتاح مستشفى جديد في مدينة الإسكندرية بسعة خمسمئة سرير. ' +
    'وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم أكثر من مليون مواطن في المنطقة الشمالية. ' +
    'وأضاف أن تكلفة المشروع بلغت ثلاثة مليارات جنيه وأن العمل فيه استمر أربع سنوات. ' +
    'ومن المتوقع أن يستقبل المستشفى أول مرضاه الشهر المقبل.',
  unrelated:
    'فاز المنتخب الوطني لكرة القدم يوم الخميس 15 مارس 2024 على نظيره بثلاثة أهداف مقابل هدف واحد في المباراة الودية. ' +
    'وسجل المهاجم الشاب هدفين في الشوط الثاني بعد تمريرات متقنة من خط الوسط. ' +
    'وقال المدرب بعد اللقاء إن الفريق يستعد للتصفيات القارية التي تنطلق في الصيف.',
};

const JAPANESE = {
  story:
    '東京都は十五日、新しい図書館を来年春に開館すると発表した。図書館は駅前の再開発地区に建設され、' +
    '約五十万冊の蔵書を備える予定だ。知事は記者会見で「子どもから高齢者まで誰もが集える場所にしたい」と述べた。' +
    '総工費は約百二十億円で、地元の木材を多く使うという。',
  copy:
    '東京都は十五日、新しい図書館を来年春に開館すると発表した。図書館は駅前の再開発地区に建設され、' +
    '約五十万冊の蔵書を備える予定だ。知事は記者会見で「子どもから高齢者まで誰もが集える場所にしたい」と語った。' +
    '総工費は約百二十億円で、地元の木材を多く使うという。開館時間は午前九時から午後九時まで。',
  unrelated:
    '大阪の水族館で十五日、ジンベエザメの赤ちゃんが一般公開された。体長は約一メートルで、' +
    '飼育員によると食欲も旺盛で順調に育っているという。週末には多くの家族連れが訪れる見込みで、' +
    '水族館は入場制限を検討している。',
};

const CHINESE = {
  story:
    '北京市政府十五日宣布，将在明年春天开放一座新的公共图书馆。该图书馆位于城市东部的文化区，' +
    '预计藏书五十万册。市长在新闻发布会上表示，希望图书馆成为市民学习和交流的重要场所。总投资约为十二亿元。',
  copy:
    '北京市政府十五日宣布，将在明年春天开放一座新的公共图书馆。该图书馆位于城市东部的文化区，' +
    '预计藏书五十万册。市长在新闻发布会上说，希望图书馆成为市民学习和交流的重要场所。总投资约为十二亿元。开放时间为每天九点至二十一点。',
  unrelated:
    '上海动物园十五日迎来两只大熊猫幼崽的首次公开亮相。饲养员介绍说，幼崽体重已超过十公斤，' +
    '食欲良好，健康状况稳定。动物园预计周末游客将大幅增加，并计划实行预约入园。',
};

async function clustersOf(docs: Record<string, string>): Promise<string[][]> {
  const lines = Object.entries(docs).map(([id, text]) => JSON.stringify({ id, text, date: '2024-03-15' }));
  const result = await scan(withDefaults({ paths: ['in.jsonl'] }), memoryFileSystem({ 'in.jsonl': `${lines.join('\n')}\n` }));
  return result.clusters.map((c) => c.members.map((m) => m.id).sort());
}

describe.each([
  ['Arabic', ARABIC],
  ['Japanese', JAPANESE],
  ['Chinese', CHINESE],
])('%s text', (_script, texts) => {
  it('has words: far more tokens than its digits', () => {
    const { tokens } = tokenizeAndHash(foldText(normalizeText(texts.story)));
    expect(tokens.count).toBeGreaterThan(40);
    expect(tokens.words.filter((w) => /^[0-9]+$/.test(w)).length).toBeLessThan(3);
  });

  it('tokenises alike in the reference and both fast paths', () => {
    const reference = tokenizeAndHash(foldText(normalizeText(texts.copy))).hashes;
    for (const backend of ['js', undefined] as const) {
      const fingerprinter = new Fingerprinter(backend);
      // A Latin text first, so the WebAssembly kernel holds tokens of its own the fallback must not leave in use.
      fingerprinter.tokenize('A Latin text the kernel tokenises first, so it holds tokens.');
      const count = fingerprinter.tokenize(texts.copy, true);
      expect(count).toBe(reference.length);
      expect([...fingerprinter.tokenHashes()]).toEqual([...reference]);
      expect(fingerprinter.shingles(5).length).toBe(reference.length - 4);
    }
  });

  it('groups the near-duplicates and not the unrelated story of the same date', async () => {
    expect(await clustersOf(texts)).toEqual([['copy', 'story']]);
  });
});
